package io.industrybrain.simulator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The primitive heap fires timers in the order a plain priority queue of (due, id) would. */
class TimerQueueProperties {

    private record Timer(long due, int id) { }

    @Property
    void firesInDueThenIdOrder(@ForAll("dues") List<Long> initial, @ForAll("delays") List<Long> delays) {
        TimerQueue queue = new TimerQueue(initial.size());
        PriorityQueue<Timer> reference = new PriorityQueue<>(
                Comparator.comparingLong(Timer::due).thenComparingInt(Timer::id));
        for (int id = 0; id < initial.size(); id++) {
            queue.schedule(id, initial.get(id));
            reference.add(new Timer(initial.get(id), id));
        }
        for (long delay : delays) {
            Timer next = reference.poll();
            assertEquals(next.due(), queue.nextDue());
            assertEquals(next.id(), queue.nextId());
            queue.rescheduleNext(next.due() + delay);
            reference.add(new Timer(next.due() + delay, next.id()));
        }
    }

    @Provide
    Arbitrary<List<Long>> dues() {
        // Few distinct values, so that ties are common.
        return Arbitraries.longs().between(0, 20).list().ofMinSize(1).ofMaxSize(50);
    }

    @Provide
    Arbitrary<List<Long>> delays() {
        return Arbitraries.longs().between(0, 10).list().ofMaxSize(200);
    }
}
