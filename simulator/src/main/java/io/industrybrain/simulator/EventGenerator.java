package io.industrybrain.simulator;

/**
 * Walks simulated time forward and hands every event, in event-time order, to the fault
 * injector. Telemetry follows a fixed cycle: every device reports once per sample interval at
 * its own phase, so the due samples are simply the next devices in phase order. Everything else
 * (batches per line, shift ends and heartbeat rounds per enterprise, reference changes) sits in
 * one {@link TimerQueue}. Nothing is kept per event.
 */
final class EventGenerator {

    private final Fleet fleet;
    private final Machines machines;
    private final EnterpriseActivity activity;
    private final FaultInjector out;
    private final long sampleMillis;
    private final TimerQueue timers;
    private final int shiftTimers;
    private final int heartbeatTimers;
    private final int referenceTimer;

    /** Start of the current sample interval, and the next device to report in it (devices are in phase order). */
    private long cycleStart;
    private int cyclePosition;
    private long lastEventTime;

    EventGenerator(Fleet fleet, Machines machines, EnterpriseActivity activity, FaultInjector out,
                   long startMillis, long sampleMillis) {
        this.fleet = fleet;
        this.machines = machines;
        this.activity = activity;
        this.out = out;
        this.sampleMillis = sampleMillis;
        this.cycleStart = startMillis;
        this.lastEventTime = startMillis;
        // Timer ids: lines, then shifts, then heartbeats per enterprise, then the reference changes.
        this.shiftTimers = fleet.lineCount;
        this.heartbeatTimers = shiftTimers + fleet.enterpriseCount;
        this.referenceTimer = heartbeatTimers + fleet.enterpriseCount;
        this.timers = new TimerQueue(referenceTimer + 1);
        for (int line = 0; line < fleet.lineCount; line++) {
            timers.schedule(line, activity.firstBatchDue(line, startMillis));
        }
        for (int e = 0; e < fleet.enterpriseCount; e++) {
            timers.schedule(shiftTimers + e, activity.firstShiftEnd(e, startMillis));
            timers.schedule(heartbeatTimers + e, activity.firstHeartbeat(e, startMillis));
        }
        if (activity.referenceChanges()) {
            timers.schedule(referenceTimer, activity.nextReferenceChange(startMillis));
        }
    }

    /** Event time of the next event; it is generated once the horizon reaches it. */
    long nextEventTime() {
        return Math.min(nextSampleTime(), timers.nextDue());
    }

    /** Event time of the latest event generated, or the start. */
    long lastEventTime() {
        return lastEventTime;
    }

    /**
     * Generates the events due at or before {@code horizonMillis} until at least
     * {@code maxRecords} records have gone out; an event may send several (a heartbeat round, a
     * fault), so the last one can overshoot a little. Returns the records sent.
     */
    long advance(long horizonMillis, long maxRecords) {
        long before = out.recordsSent();
        while (out.recordsSent() - before < maxRecords) {
            long sampleTime = nextSampleTime();
            long timerTime = timers.nextDue();
            // Ties go to telemetry: a fixed rule keeps the order fully determined.
            if (sampleTime <= timerTime) {
                if (sampleTime > horizonMillis) {
                    break;
                }
                int device = cyclePosition;
                out.telemetry(machines.sample(device, sampleTime), device, fleet.deviceEnterprise[device]);
                if (++cyclePosition == fleet.deviceCount) {
                    cyclePosition = 0;
                    cycleStart += sampleMillis;
                }
                lastEventTime = sampleTime;
            } else {
                if (timerTime > horizonMillis) {
                    break;
                }
                fire(timers.nextId(), timerTime);
                lastEventTime = timerTime;
            }
        }
        return out.recordsSent() - before;
    }

    private long nextSampleTime() {
        return cycleStart + fleet.phaseMillis[cyclePosition];
    }

    private void fire(int id, long now) {
        if (id < shiftTimers) {
            out.production(activity.batch(id, now));
            timers.rescheduleNext(activity.nextBatchDue(id, now));
        } else if (id < heartbeatTimers) {
            out.shift(activity.shiftEnd(id - shiftTimers, now));
            timers.rescheduleNext(activity.nextShiftEnd(id - shiftTimers, now));
        } else if (id < referenceTimer) {
            activity.heartbeats(id - heartbeatTimers, now, out::heartbeat);
            timers.rescheduleNext(activity.nextHeartbeat(now));
        } else {
            int e = activity.changeReference();
            out.reference(activity.reference(e, now));
            timers.rescheduleNext(activity.nextReferenceChange(now));
        }
    }
}
