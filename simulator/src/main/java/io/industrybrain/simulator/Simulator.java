package io.industrybrain.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A seeded simulated province of factories that sends its events to an {@link EventSink}.
 *
 * <p>Simulated time starts {@code backfill} before the clock's time at construction (rounded down
 * to the sample interval) and never passes the clock: an event is generated only once the
 * clock has reached its event time. So a backfill runs as fast as the rate allows, after which
 * the simulation follows the clock; event times are never ahead of the wall clock, well within
 * the 5 minutes the contract tolerates. Nothing here sleeps or starts threads: a caller (the
 * {@link SimulatorRunner}, or a test with a fake clock) calls {@link #emitDue()} repeatedly.
 *
 * <p>Same settings, same seed and the same clock readings give the same records in the same
 * order. The random streams are split by purpose (fleet, dynamics, faults), so the clean events
 * do not depend on the fault rates.
 */
public final class Simulator {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    /** Keeps each call short, so a runner notices a stop request promptly. */
    private static final long MAX_RECORDS_PER_CALL = 50_000;

    private final Clock clock;
    private final Fleet fleet;
    private final EnterpriseActivity activity;
    private final FaultInjector injector;
    private final EventGenerator generator;
    private final RateLimiter limiter;
    private final long startMillis;
    private boolean referencePublished;
    private boolean caughtUp;

    public Simulator(SimulatorSettings settings, Clock clock, EventSink sink) {
        this.clock = clock;
        long sampleMillis = settings.sampleInterval().toMillis();
        this.startMillis = Math.floorDiv(clock.millis() - settings.backfill().toMillis(), sampleMillis) * sampleMillis;
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        this.fleet = Fleet.draw(settings, seeds.split());
        SplittableRandom dynamics = seeds.split();
        SplittableRandom faults = seeds.split();
        Machines machines = new Machines(fleet, settings, dynamics.split());
        this.activity = new EnterpriseActivity(fleet, settings, dynamics.split());
        this.injector = new FaultInjector(sink, settings, faults, clock);
        this.generator = new EventGenerator(fleet, machines, activity, injector, startMillis, sampleMillis);
        this.limiter = new RateLimiter(settings.ratePerSecond(), clock);
        FleetSummary summary = fleet();
        LOG.info("Simulated fleet: {} enterprises ({} above scale), {} lines, {} devices, seed {}, progress {}, "
                        + "faults [{}], simulated time from {}",
                summary.enterprises(), summary.aboveScaleEnterprises(), summary.lines(), summary.devices(),
                settings.seed(), settings.progress(), settings.faults(), Instant.ofEpochMilli(startMillis));
        double fleetRate = summary.devices() * 1000.0 / sampleMillis;
        if (settings.ratePerSecond() < fleetRate) {
            LOG.warn("Rate {}/s is below the fleet's {}/s of telemetry alone: simulated time will fall behind the clock",
                    settings.ratePerSecond(), Math.round(fleetRate));
        }
    }

    /**
     * Sends what is due: all reference data on the first call, then the events whose event time
     * the clock has reached, as many as the rate allows now. Returns the records sent.
     */
    public synchronized long emitDue() {
        if (!referencePublished) {
            for (int e = 0; e < fleet.enterpriseCount; e++) {
                injector.reference(activity.reference(e, startMillis));
            }
            referencePublished = true;
        }
        long now = clock.millis();
        long budget = Math.min(limiter.available(), MAX_RECORDS_PER_CALL);
        if (budget <= 0) {
            return 0;
        }
        long sent = generator.advance(now, budget);
        limiter.consume(sent);
        if (!caughtUp && generator.nextEventTime() > now) {
            caughtUp = true;
            LOG.info("Simulated time caught up with the clock at {}; following it from now on", Instant.ofEpochMilli(now));
        }
        return sent;
    }

    /** Whether simulated time has reached the clock: the backfill is sent, and what follows follows the clock. */
    public synchronized boolean caughtUp() {
        return caughtUp;
    }

    /** How long a caller may wait before {@link #emitDue()} has something to send. */
    public synchronized long millisUntilDue() {
        long untilEvent = generator.nextEventTime() - clock.millis();
        return Math.max(0, Math.max(untilEvent, limiter.millisUntilAvailable()));
    }

    /** Sends every record a fault still holds back, and flushes the sink: call before stopping. */
    public synchronized void drain() {
        injector.drain();
    }

    public synchronized FaultCounters faultCounters() {
        return injector.counters();
    }

    /** Event time of the latest event generated (the start before the first). */
    public synchronized Instant simulatedTime() {
        return Instant.ofEpochMilli(generator.lastEventTime());
    }

    /** Where simulated time began: the clock at construction minus the backfill, rounded down to the sample interval. */
    public Instant startTime() {
        return Instant.ofEpochMilli(startMillis);
    }

    public FleetSummary fleet() {
        return new FleetSummary(fleet.enterpriseCount, fleet.aboveScaleCount(), fleet.lineCount, fleet.deviceCount);
    }
}
