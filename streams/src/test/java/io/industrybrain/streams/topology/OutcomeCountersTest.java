package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OutcomeCountersTest {

    private final OutcomeCounters counters = new OutcomeCounters();

    @Test
    void aForwardedRecordIsInFlightUntilTheWindowStageSettlesIt() {
        counters.forwardedAtIntake("t");
        counters.forwardedAtIntake("t");
        counters.forwardedAtIntake("t");
        counters.rejectedAtIntake("t", DeadLetterReason.INVALID);
        OutcomeCounters.TopicOutcomes midway = counters.snapshot("t");
        assertEquals(4, midway.consumed());
        assertEquals(3, midway.inFlight());
        assertTrue(midway.balanced());

        counters.accepted("t");
        counters.duplicate("t");
        counters.late("t");
        OutcomeCounters.TopicOutcomes settled = counters.snapshot("t");
        assertEquals(new OutcomeCounters.TopicOutcomes(4, 1, 1,
                Map.of(DeadLetterReason.INVALID, 1L, DeadLetterReason.LATE, 1L), Map.of(), 0), settled);
        assertEquals(2, settled.deadLetteredTotal());
    }

    @Test
    void referenceRecordsAreAppliedOrIgnored() {
        counters.referenceApplied("r");
        counters.referenceIgnored("r", DeadLetterReason.INVALID);
        assertEquals(new OutcomeCounters.TopicOutcomes(2, 1, 0, Map.of(), Map.of(DeadLetterReason.INVALID, 1L), 0),
                counters.snapshot("r"));
        assertEquals(new OutcomeCounters.TopicOutcomes(0, 0, 0, Map.of(), Map.of(), 0), counters.snapshot("never read"));
        assertEquals(List.of("r"), List.copyOf(counters.snapshot().keySet()));
    }

    @Test
    void everySnapshotBalancesWhileStreamThreadsCount() throws InterruptedException {
        // Given four threads recording outcomes as fast as they can
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(4);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                started.countDown();
                while (running.get()) {
                    counters.forwardedAtIntake("t");
                    counters.rejectedAtIntake("t", DeadLetterReason.DESERIALIZATION);
                    counters.accepted("t");
                }
            });
            threads.add(thread);
            thread.start();
        }
        started.await();
        // Then every snapshot taken meanwhile balances exactly
        for (int i = 0; i < 10_000; i++) {
            OutcomeCounters.TopicOutcomes now = counters.snapshot("t");
            assertTrue(now.balanced(), now::toString);
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(counters.snapshot("t").consumed() > 0);
    }
}
