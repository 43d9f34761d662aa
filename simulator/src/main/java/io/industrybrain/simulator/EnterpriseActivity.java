package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * What enterprises report besides telemetry: MES batches per production line, attendance per
 * shift, heartbeats of their business systems, and changes of their reference data. Each
 * method makes the record due at a time and says when the next one of its kind is due.
 *
 * <p>A batch earns the line's share of the enterprise's calibrated value added for the time
 * since the line's previous batch, so a window's added value is, in expectation, exactly
 * head count x productivity x window length.
 */
final class EnterpriseActivity {

    private static final KeyProcess[] PROCESSES = KeyProcess.values();
    private static final Hosting[] HOSTINGS = Hosting.values();
    private static final City[] CITIES = City.values();
    private static final IndustryChain[] CHAINS = IndustryChain.values();
    private static final long MIN_BATCH_MILLIS = 60_000;
    private static final long DAY_MILLIS = 86_400_000L;

    private final Fleet fleet;
    private final SplittableRandom random;
    private final long heartbeatMillis;
    private final double referenceChangesPerDay;
    /** When each line finished its previous batch: the span the next batch's value covers. */
    private final long[] lastBatchMillis;

    EnterpriseActivity(Fleet fleet, SimulatorSettings settings, SplittableRandom random) {
        this.fleet = fleet;
        this.random = random;
        this.heartbeatMillis = settings.heartbeatInterval().toMillis();
        this.referenceChangesPerDay = settings.referenceChangesPerDay();
        this.lastBatchMillis = new long[fleet.lineCount];
    }

    /** The reference record of an enterprise as it stands. */
    Enterprise reference(int e, long updatedAtMillis) {
        return new Enterprise(fleet.enterpriseIds[e], Ids.enterpriseName(e), CITIES[fleet.city[e]].code(),
                CHAINS[fleet.chain[e]].code(), fleet.aboveScale[e], fleet.employees[e],
                Instant.ofEpochMilli(updatedAtMillis));
    }

    /**
     * When the line's first batch after {@code start} is due, as if the line had been running
     * for ever: the interval that straddles the start is drawn length-biased (a long interval is
     * likelier to contain a given instant) and the start falls uniformly within it. Drawn like
     * any other interval instead, the first hour would come out about 3 % short of value added.
     */
    long firstBatchDue(int line, long start) {
        // Intervals are uniform on [0.5, 1.5] x mean; density proportional to length, inverted.
        long interval = (long) (fleet.lineBatchMeanMillis[line] * Math.sqrt(0.25 + 2.0 * random.nextDouble()));
        long due = start + (long) (random.nextDouble() * interval);
        lastBatchMillis[line] = due - interval;
        return due;
    }

    ProductionOutput batch(int line, long eventTimeMillis) {
        int e = fleet.lineEnterprise[line];
        IndustryChain industry = CHAINS[fleet.chain[e]];
        double hours = (eventTimeMillis - lastBatchMillis[line]) / 3_600_000.0;
        lastBatchMillis[line] = eventTimeMillis;
        double addedValue = fleet.employees[e] * fleet.addedValuePerEmployeeHour[e] * fleet.lineShare[line] * hours
                * (0.9 + 0.2 * random.nextDouble());
        double outputValue = addedValue / (industry.valueAddedRatio() * (0.9 + 0.2 * random.nextDouble()));
        long quantity = Math.max(1, Math.round(outputValue / industry.unitPriceCny()));
        String lineId = fleet.lineIds[line];
        return new ProductionOutput(Ids.batchId(lineId, eventTimeMillis), fleet.enterpriseIds[e], lineId,
                industry.productPrefix() + "-" + (line - fleet.lineStart[e] + 1), quantity, cents(outputValue),
                cents(addedValue), Instant.ofEpochMilli(eventTimeMillis));
    }

    long nextBatchDue(int line, long now) {
        return now + batchInterval(line);
    }

    /** Shift ends fall on the enterprise's anchor plus whole shift lengths. */
    long firstShiftEnd(int e, long start) {
        long length = fleet.shiftHours[e] * 3_600_000L;
        return start + Math.floorMod(fleet.shiftEndAnchorMillis[e] - start, length);
    }

    WorkShift shiftEnd(int e, long eventTimeMillis) {
        int workers = (int) Math.max(1, Math.round(fleet.employees[e] * Fleet.ON_DUTY_SHARE
                * (0.95 + 0.1 * random.nextDouble())));
        return new WorkShift(Ids.shiftId(fleet.enterpriseIds[e], eventTimeMillis), fleet.enterpriseIds[e], workers,
                (double) fleet.shiftHours[e], Instant.ofEpochMilli(eventTimeMillis));
    }

    long nextShiftEnd(int e, long now) {
        return now + fleet.shiftHours[e] * 3_600_000L;
    }

    /** Heartbeats are strictly periodic per enterprise, so every window longer than the interval holds one. */
    long firstHeartbeat(int e, long start) {
        return start + fleet.heartbeatPhaseMillis[e];
    }

    /** One heartbeat for each key process a system supports; processes without a system stay silent. */
    void heartbeats(int e, long eventTimeMillis, Consumer<ProcessHeartbeat> out) {
        Instant time = Instant.ofEpochMilli(eventTimeMillis);
        for (int p = 0; p < Fleet.PROCESS_COUNT; p++) {
            byte mode = fleet.processModes[e * Fleet.PROCESS_COUNT + p];
            if (mode != Fleet.NO_SYSTEM) {
                out.accept(new ProcessHeartbeat(fleet.enterpriseIds[e], PROCESSES[p], Fleet.SYSTEM_OF_PROCESS[p],
                        HOSTINGS[fleet.processHosting[e * Fleet.PROCESS_COUNT + p]], mode == Fleet.DIGITIZED, time));
            }
        }
    }

    long nextHeartbeat(long now) {
        return now + heartbeatMillis;
    }

    /** Reference changes arrive as one Poisson process over the whole fleet; never when the rate is 0. */
    boolean referenceChanges() {
        return referenceChangesPerDay > 0;
    }

    long nextReferenceChange(long now) {
        double meanMillis = DAY_MILLIS / (referenceChangesPerDay * fleet.enterpriseCount);
        return now + 1 + (long) (-Math.log(1.0 - random.nextDouble()) * meanMillis);
    }

    /**
     * Changes one enterprise's reference data and returns its index: the head count moves by up
     * to 5 % (70 % of changes), it relocates to another city (15 %) or it is reclassified to
     * another chain (15 %). Value added follows the head count, so calibration holds.
     */
    int changeReference() {
        int e = random.nextInt(fleet.enterpriseCount);
        double kind = random.nextDouble();
        if (kind < 0.70) {
            int change = (int) Math.round(fleet.employees[e] * (random.nextDouble() * 0.1 - 0.05));
            fleet.employees[e] = Math.max(1, fleet.employees[e] + (change == 0 ? 1 : change));
        } else if (kind < 0.85) {
            fleet.city[e] = (byte) ((fleet.city[e] + 1 + random.nextInt(CITIES.length - 1)) % CITIES.length);
        } else {
            fleet.chain[e] = (byte) ((fleet.chain[e] + 1 + random.nextInt(CHAINS.length - 1)) % CHAINS.length);
        }
        return e;
    }

    private long batchInterval(int line) {
        return Math.max(MIN_BATCH_MILLIS, (long) (fleet.lineBatchMeanMillis[line] * (0.5 + random.nextDouble())));
    }

    private static double cents(double cny) {
        return Math.round(cny * 100) / 100.0;
    }
}
