package io.industrybrain.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link Simulator} on its own thread against the real clock until closed. Closing stops
 * the thread, sends what faults still hold back and flushes the sink, so that every counted
 * record has been handed to the sink.
 */
public final class SimulatorRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorRunner.class);
    /** Longest pause between calls: the rate limiter's bucket holds 100 ms of permits. */
    private static final long MAX_PAUSE_MILLIS = 50;

    private final Simulator simulator;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    public SimulatorRunner(Simulator simulator) {
        this.simulator = simulator;
        this.thread = new Thread(this::loop, "brain-simulator");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Why the loop stopped early, or null while it runs or after a clean stop. */
    public RuntimeException failure() {
        return failure;
    }

    private void loop() {
        try {
            while (running) {
                if (simulator.emitDue() == 0) {
                    long pause = Math.min(simulator.millisUntilDue(), MAX_PAUSE_MILLIS);
                    if (pause > 0) {
                        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(pause));
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("Simulator stopped: {}", e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        simulator.drain();
        LOG.info("Simulator stopped at simulated time {}: {}", simulator.simulatedTime(), simulator.faultCounters());
    }
}
