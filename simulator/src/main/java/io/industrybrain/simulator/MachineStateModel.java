package io.industrybrain.simulator;

import io.industrybrain.schema.MachineState;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How a machine moves between states: a semi-Markov chain with an exponential dwell time per
 * state and fixed transition probabilities. At the 2020 baseline a machine runs about 83 % of
 * its running, idle and down time (the pipeline's availability), 86 % at the 2025 end, as
 * progress shortens and thins out breakdowns.
 *
 * <p>Mean dwell times: running 90 min, idle 15 min, down 30 min, maintenance 60 min, offline
 * 40 min. Running ends in idle (62 %), a breakdown (25 %), maintenance (5 %) or the gateway
 * losing the machine (8 %); a breakdown ends in repair (85 %) or maintenance (15 %).
 */
final class MachineStateModel {

    private static final MachineState[] STATES = MachineState.values();
    private static final int RUNNING = MachineState.RUNNING.ordinal();
    private static final int IDLE = MachineState.IDLE.ordinal();
    private static final int DOWN = MachineState.DOWN.ordinal();
    private static final int MAINTENANCE = MachineState.MAINTENANCE.ordinal();
    private static final int OFFLINE = MachineState.OFFLINE.ordinal();

    private final double[] meanDwellSamples = new double[STATES.length];
    /** Cumulative transition probabilities, [from][to]. */
    private final double[][] next = new double[STATES.length][STATES.length];
    /** Cumulative long-run share of time in each state. */
    private final double[] timeShare;

    MachineStateModel(double downtimeFactor, long sampleMillis) {
        double minutesPerSample = sampleMillis / 60_000.0;
        meanDwellSamples[RUNNING] = 90 / minutesPerSample;
        meanDwellSamples[IDLE] = 15 / minutesPerSample;
        meanDwellSamples[DOWN] = 30 * downtimeFactor / minutesPerSample;
        meanDwellSamples[MAINTENANCE] = 60 / minutesPerSample;
        meanDwellSamples[OFFLINE] = 40 / minutesPerSample;

        double breakdown = 0.25 * downtimeFactor;
        double[][] p = new double[STATES.length][STATES.length];
        p[RUNNING][IDLE] = 0.87 - breakdown;
        p[RUNNING][DOWN] = breakdown;
        p[RUNNING][MAINTENANCE] = 0.05;
        p[RUNNING][OFFLINE] = 0.08;
        p[IDLE][RUNNING] = 0.90;
        p[IDLE][MAINTENANCE] = 0.04;
        p[IDLE][OFFLINE] = 0.06;
        p[DOWN][RUNNING] = 0.85;
        p[DOWN][MAINTENANCE] = 0.15;
        p[MAINTENANCE][RUNNING] = 0.80;
        p[MAINTENANCE][IDLE] = 0.20;
        p[OFFLINE][RUNNING] = 0.50;
        p[OFFLINE][IDLE] = 0.50;
        for (int from = 0; from < STATES.length; from++) {
            double cumulative = 0;
            for (int to = 0; to < STATES.length; to++) {
                cumulative += p[from][to];
                next[from][to] = cumulative;
            }
        }
        timeShare = stationaryTimeShare(p);
    }

    /** A state drawn with the long-run share of time machines spend in it, so the fleet starts settled. */
    int initialState(SplittableRandom random) {
        return pick(timeShare, random.nextDouble());
    }

    int nextState(int state, SplittableRandom random) {
        return pick(next[state], random.nextDouble());
    }

    /** Whole samples spent in a state, at least 1; exponential, hence also the residual of a state already entered. */
    int dwellSamples(int state, SplittableRandom random) {
        double samples = -Math.log(1.0 - random.nextDouble()) * meanDwellSamples[state];
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(samples)));
    }

    /** Visit frequency of the embedded chain (by power iteration) times mean dwell, cumulated. */
    private double[] stationaryTimeShare(double[][] p) {
        int n = STATES.length;
        double[] visits = new double[n];
        Arrays.fill(visits, 1.0 / n);
        for (int iteration = 0; iteration < 1000; iteration++) {
            double[] following = new double[n];
            for (int from = 0; from < n; from++) {
                for (int to = 0; to < n; to++) {
                    following[to] += visits[from] * p[from][to];
                }
            }
            visits = following;
        }
        double[] share = new double[n];
        double total = 0;
        for (int s = 0; s < n; s++) {
            share[s] = visits[s] * meanDwellSamples[s];
            total += share[s];
        }
        double cumulative = 0;
        for (int s = 0; s < n; s++) {
            cumulative += share[s] / total;
            share[s] = cumulative;
        }
        return share;
    }

    private static int pick(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
