package io.industrybrain.simulator;

import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The machines of the fleet, each a small state machine kept in two primitive arrays (state and
 * samples left in it), and the telemetry sample each one reports once per sample interval.
 *
 * <p>A sample covers the interval that ends at its event time and carries one state; states
 * change at sample boundaries. Running machines make units at their own rate and draw their
 * power; idle ones draw 30 %, down ones 5 %, machines under maintenance 10 %, offline ones
 * report nothing they made or used.
 */
final class Machines {

    private static final MachineState[] STATES = MachineState.values();
    private static final double[] POWER_SHARE_BY_STATE = {1.0, 0.30, 0.05, 0.10, 0.0};
    private static final double BASELINE_DEFECT_RATE = 0.03;

    private final Fleet fleet;
    private final MachineStateModel model;
    private final SplittableRandom random;
    private final long sampleMillis;
    private final int sampleSeconds;
    private final double defectRate;
    private final byte[] state;
    private final int[] samplesLeft;

    Machines(Fleet fleet, SimulatorSettings settings, SplittableRandom random) {
        this.fleet = fleet;
        this.random = random;
        this.sampleMillis = settings.sampleInterval().toMillis();
        this.sampleSeconds = (int) (sampleMillis / 1000);
        Calibration calibration = Calibration.at(settings.progress());
        this.model = new MachineStateModel(calibration.downtimeFactor(), sampleMillis);
        this.defectRate = BASELINE_DEFECT_RATE * calibration.defectFactor();
        this.state = new byte[fleet.deviceCount];
        this.samplesLeft = new int[fleet.deviceCount];
        for (int d = 0; d < fleet.deviceCount; d++) {
            state[d] = (byte) model.initialState(random);
            samplesLeft[d] = model.dwellSamples(state[d], random);
        }
    }

    /**
     * The sample device {@code d} reports at {@code eventTimeMillis}, then the device moves on
     * one sample. Its seq is the event time in epoch seconds times 4: strictly increasing per
     * device, stable across restarts, and leaving room for injected records ({@link BadRecords}).
     */
    MachineTelemetry sample(int d, long eventTimeMillis) {
        int enterprise = fleet.deviceEnterprise[d];
        int current = state[d];
        double hours = sampleMillis / 3_600_000.0;
        int good = 0;
        int defects = 0;
        if (current == MachineState.RUNNING.ordinal()) {
            double expected = fleet.unitsPerRunningHour[d] * hours * (0.8 + 0.4 * random.nextDouble());
            int units = randomRound(expected);
            defects = randomRound(units * defectRate);
            good = units - defects;
        }
        double energy = fleet.runningPowerKw[d] * hours * POWER_SHARE_BY_STATE[current]
                * (0.9 + 0.2 * random.nextDouble());
        int local = fleet.deviceLocal[d];
        String enterpriseId = fleet.enterpriseIds[enterprise];
        MachineTelemetry sample = new MachineTelemetry(
                Ids.deviceId(enterpriseId, local),
                enterpriseId,
                fleet.lineIds[fleet.deviceLine[d]],
                seq(eventTimeMillis, 0),
                Instant.ofEpochMilli(eventTimeMillis),
                sampleSeconds,
                STATES[current],
                good,
                defects,
                Math.round(energy * 1000) / 1000.0,
                local < fleet.ncDevices[enterprise],
                local < fleet.cloudDevices[enterprise],
                fleet.gatewayIds[enterprise]);
        if (--samplesLeft[d] == 0) {
            int following = model.nextState(current, random);
            state[d] = (byte) following;
            samplesLeft[d] = model.dwellSamples(following, random);
        }
        return sample;
    }

    /** A device's seq at an event time, with a variant 0..3 so injected records never share a real seq. */
    static long seq(long eventTimeMillis, int variant) {
        return Math.floorDiv(eventTimeMillis, 1000) * 4 + variant;
    }

    /** Rounds up with probability equal to the fraction, so small expectations are kept on average. */
    private int randomRound(double value) {
        double floor = Math.floor(value);
        return (int) floor + (random.nextDouble() < value - floor ? 1 : 0);
    }
}
