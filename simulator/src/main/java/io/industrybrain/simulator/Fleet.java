package io.industrybrain.simulator;

import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The simulated province's enterprises, production lines and machines, drawn once from the seed.
 * State lives in primitive arrays indexed by enterprise, line or device, so a million machines
 * cost a few tens of megabytes and nothing grows while the simulation runs.
 *
 * <p>Counts that the plan states as shares are assigned by quota, not by coin toss: exactly
 * round(share x n) above-scale enterprises are fully digitized, so a small fleet matches the
 * calibration as closely as its size allows. Labour productivity is normalised over the drawn
 * fleet: the employee-weighted mean of the enterprises' productivity factors is exactly 1 for
 * above-scale and for below-scale enterprises alike.
 *
 * <p>Reference data (head count, city, chain) is mutable: {@link EnterpriseActivity} changes it
 * and republishes the enterprise.
 */
final class Fleet {

    static final int PROCESS_COUNT = KeyProcess.values().length;
    /** Process modes: no system supports the process, a system does but not fully, fully digitized. */
    static final byte NO_SYSTEM = 0;
    static final byte NOT_DIGITIZED = 1;
    static final byte DIGITIZED = 2;

    /** Business system behind each key process, by {@link KeyProcess} ordinal. */
    static final String[] SYSTEM_OF_PROCESS = {"PLM", "APS", "MES", "QMS", "ERP", "WMS", "CRM", "ERP"};
    /** How likely a partly digitized enterprise has digitized each process: finance first, R&D last. */
    private static final double[] PROCESS_DIGITIZATION_WEIGHT = {0.45, 0.55, 0.85, 0.60, 0.75, 0.65, 0.80, 0.95};

    /** Share of the enterprises connected to the brain that are above scale (规上): the larger ones join first. */
    static final double ABOVE_SCALE_SHARE = 0.6;
    /**
     * Share of the head count on duty at any moment: about 2,000 working hours a year per
     * employee out of 8,760, so a shift's workers x hours add up to 2,000 h per employee a year.
     */
    static final double ON_DUTY_SHARE = 2000.0 / 8760.0;
    /** The pipeline's default smart-factory thresholds, 0.7, in tenths. */
    private static final int SMART_THRESHOLD_TENTHS = 7;

    final int enterpriseCount;
    final String[] enterpriseIds;
    /** Ids that every sample repeats, spelled once: per enterprise and per line. */
    final String[] gatewayIds;
    final byte[] city;
    final byte[] chain;
    final boolean[] aboveScale;
    final int[] employees;
    /** CNY of value added per employee and hour, calibrated; batches earn it. */
    final double[] addedValuePerEmployeeHour;
    /** [enterprise * 8 + process]: NO_SYSTEM, NOT_DIGITIZED or DIGITIZED. */
    final byte[] processModes;
    /** [enterprise * 8 + process]: {@link Hosting} ordinal of the system behind the process. */
    final byte[] processHosting;
    final int[] shiftHours;
    /** Shift ends fall on epoch millis congruent to this modulo the shift length. */
    final long[] shiftEndAnchorMillis;
    final long[] heartbeatPhaseMillis;
    /** The first {@code ncDevices[e]} machines of an enterprise are numerically controlled. */
    final int[] ncDevices;
    /** The first {@code cloudDevices[e]} machines of an enterprise are cloud-connected. */
    final int[] cloudDevices;
    final int[] deviceCounts;
    /** Lines of enterprise e are {@code lineStart[e] .. lineStart[e + 1] - 1}. */
    final int[] lineStart;

    final int lineCount;
    final String[] lineIds;
    final int[] lineEnterprise;
    final double[] lineShare;
    final long[] lineBatchMeanMillis;

    /**
     * Devices are numbered in the order they report within a sample interval, so that a cycle
     * walks every device array front to back instead of jumping around a million entries.
     */
    final int deviceCount;
    final int[] deviceEnterprise;
    /** The device's number within its enterprise, from 0. */
    final int[] deviceLocal;
    final int[] deviceLine;
    /** When within each sample interval the device reports; ascending. */
    final int[] phaseMillis;
    final float[] unitsPerRunningHour;
    final float[] runningPowerKw;

    private Fleet(int enterprises, int lines, int devices) {
        enterpriseCount = enterprises;
        enterpriseIds = new String[enterprises];
        gatewayIds = new String[enterprises];
        city = new byte[enterprises];
        chain = new byte[enterprises];
        aboveScale = new boolean[enterprises];
        employees = new int[enterprises];
        addedValuePerEmployeeHour = new double[enterprises];
        processModes = new byte[enterprises * PROCESS_COUNT];
        processHosting = new byte[enterprises * PROCESS_COUNT];
        shiftHours = new int[enterprises];
        shiftEndAnchorMillis = new long[enterprises];
        heartbeatPhaseMillis = new long[enterprises];
        ncDevices = new int[enterprises];
        cloudDevices = new int[enterprises];
        deviceCounts = new int[enterprises];
        lineStart = new int[enterprises + 1];
        lineCount = lines;
        lineIds = new String[lines];
        lineEnterprise = new int[lines];
        lineShare = new double[lines];
        lineBatchMeanMillis = new long[lines];
        deviceCount = devices;
        deviceEnterprise = new int[devices];
        deviceLocal = new int[devices];
        deviceLine = new int[devices];
        phaseMillis = new int[devices];
        unitsPerRunningHour = new float[devices];
        runningPowerKw = new float[devices];
    }

    int devicesOf(int enterprise) {
        return deviceCounts[enterprise];
    }

    int aboveScaleCount() {
        int count = 0;
        for (boolean above : aboveScale) {
            count += above ? 1 : 0;
        }
        return count;
    }

    /** Draws the fleet the settings describe; only the random stream, sizes and progress matter. */
    static Fleet draw(SimulatorSettings settings, SplittableRandom random) {
        Calibration calibration = Calibration.at(settings.progress());
        int enterprises = settings.enterprises();

        // Enterprises first, to know how many lines and devices to allocate.
        byte[] chains = new byte[enterprises];
        byte[] cities = new byte[enterprises];
        boolean[] above = new boolean[enterprises];
        int[] heads = new int[enterprises];
        int[] devicesPer = new int[enterprises];
        int[] linesPer = new int[enterprises];
        long devices = 0;
        long lines = 0;
        double[] chainWeights = Arrays.stream(IndustryChain.values()).mapToDouble(IndustryChain::weight).toArray();
        double[] cityWeights = Arrays.stream(City.values()).mapToDouble(City::weight).toArray();
        for (int e = 0; e < enterprises; e++) {
            chains[e] = (byte) pick(random, chainWeights);
            cities[e] = (byte) pick(random, cityWeights);
            above[e] = random.nextDouble() < ABOVE_SCALE_SHARE;
            heads[e] = above[e]
                    ? (int) clamp(Math.round(logNormal(random, 180, 0.9)), 20, 20_000)
                    : (int) clamp(Math.round(logNormal(random, 30, 0.6)), 3, 299);
            devicesPer[e] = settings.devicesPerEnterprise() > 0
                    ? settings.devicesPerEnterprise()
                    : (int) clamp(Math.round(heads[e] / 8.0 * logNormal(random, 1.0, 0.4)), 1, 400);
            linesPer[e] = (int) clamp(Math.round(devicesPer[e] / 6.0), 1, devicesPer[e]);
            devices += devicesPer[e];
            lines += linesPer[e];
        }
        if (devices > SimulatorSettings.MAX_DEVICES) {
            throw new IllegalArgumentException("simulator setting 'enterprises': the drawn fleet has " + devices
                    + " devices, more than " + SimulatorSettings.MAX_DEVICES);
        }

        Fleet fleet = new Fleet(enterprises, (int) lines, (int) devices);
        int device = 0;
        int line = 0;
        int sampleMillis = (int) settings.sampleInterval().toMillis();
        double[] productivityFactor = new double[enterprises];
        for (int e = 0; e < enterprises; e++) {
            IndustryChain industry = IndustryChain.values()[chains[e]];
            fleet.enterpriseIds[e] = Ids.enterpriseId(e);
            fleet.gatewayIds[e] = Ids.gatewayId(fleet.enterpriseIds[e]);
            fleet.chain[e] = chains[e];
            fleet.city[e] = cities[e];
            fleet.aboveScale[e] = above[e];
            fleet.employees[e] = heads[e];
            productivityFactor[e] = industry.relativeProductivity() * logNormal(random, 1.0, 0.3);
            fleet.shiftHours[e] = random.nextDouble() < 0.7 ? 8 : 12;
            // The day shift starts between 06:00 and 08:30 China time (UTC+8), on the half hour.
            long dayShiftStartUtcMinutes = 6 * 60 + 30L * random.nextInt(6) - 8 * 60;
            long shiftMinutes = fleet.shiftHours[e] * 60L;
            fleet.shiftEndAnchorMillis[e] = Math.floorMod(dayShiftStartUtcMinutes, shiftMinutes) * 60_000L;
            fleet.heartbeatPhaseMillis[e] = random.nextLong(settings.heartbeatInterval().toMillis());

            fleet.deviceCounts[e] = devicesPer[e];
            fleet.lineStart[e] = line;
            for (int l = 0; l < linesPer[e]; l++) {
                fleet.lineEnterprise[line + l] = e;
                fleet.lineIds[line + l] = Ids.lineId(fleet.enterpriseIds[e], l);
                fleet.lineBatchMeanMillis[line + l] = (20 + random.nextInt(51)) * 60_000L;
            }
            for (int j = 0; j < devicesPer[e]; j++, device++) {
                int lineOfDevice = line + j % linesPer[e];
                fleet.deviceEnterprise[device] = e;
                fleet.deviceLocal[device] = j;
                fleet.deviceLine[device] = lineOfDevice;
                fleet.lineShare[lineOfDevice] += 1.0 / devicesPer[e];
                fleet.unitsPerRunningHour[device] = (float) (industry.unitsPerRunningHour() * logNormal(random, 1.0, 0.5));
                fleet.runningPowerKw[device] = (float) (industry.runningPowerKw() * logNormal(random, 1.0, 0.3));
                fleet.phaseMillis[device] = random.nextInt(sampleMillis);
            }
            line += linesPer[e];
        }
        fleet.lineStart[enterprises] = line;

        calibrateProductivity(fleet, productivityFactor, calibration);
        assignDigitization(fleet, random, calibration);
        orderByPhase(fleet);
        return fleet;
    }

    /**
     * Scales the factors so that the employee-weighted mean is 1 within above-scale and within
     * below-scale enterprises; a window's added value over the head count then comes out at the
     * calibrated productivity, whatever chains the draw favoured.
     */
    private static void calibrateProductivity(Fleet fleet, double[] factor, Calibration calibration) {
        double[] weighted = new double[2];
        double[] heads = new double[2];
        for (int e = 0; e < fleet.enterpriseCount; e++) {
            int group = fleet.aboveScale[e] ? 1 : 0;
            weighted[group] += fleet.employees[e] * factor[e];
            heads[group] += fleet.employees[e];
        }
        for (int e = 0; e < fleet.enterpriseCount; e++) {
            int group = fleet.aboveScale[e] ? 1 : 0;
            double productivity = fleet.aboveScale[e]
                    ? calibration.aboveScaleProductivity()
                    : calibration.belowScaleProductivity();
            // 10k CNY per person-year to CNY per employee-hour.
            double perHour = productivity * 10_000 / (365 * 24.0);
            fleet.addedValuePerEmployeeHour[e] = perHour * factor[e] * heads[group] / weighted[group];
        }
    }

    /**
     * Key processes, hosting and machine capabilities. Quotas: fully digitized enterprises
     * among above-scale and below-scale ones, smart factories among the fully digitized
     * above-scale ones, enterprises with a system in a cloud among all.
     */
    private static void assignDigitization(Fleet fleet, SplittableRandom random, Calibration calibration) {
        int n = fleet.enterpriseCount;
        int[] aboveScale = indices(fleet, true);
        int[] belowScale = indices(fleet, false);
        boolean[] fullyDigitized = new boolean[n];
        boolean[] smart = new boolean[n];
        int fullyAbove = (int) Math.round(calibration.fullyDigitizedAboveScale() * aboveScale.length);
        shuffle(random, aboveScale);
        for (int i = 0; i < fullyAbove; i++) {
            fullyDigitized[aboveScale[i]] = true;
        }
        int smartCount = Math.min(fullyAbove, (int) Math.round(calibration.smartFactoryAboveScale() * aboveScale.length));
        for (int i = 0; i < smartCount; i++) {
            smart[aboveScale[i]] = true;
        }
        shuffle(random, belowScale);
        int fullyBelow = (int) Math.round(calibration.fullyDigitizedBelowScale() * belowScale.length);
        for (int i = 0; i < fullyBelow; i++) {
            fullyDigitized[belowScale[i]] = true;
        }
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        shuffle(random, all);
        boolean[] onCloud = new boolean[n];
        for (int i = 0, cloud = (int) Math.round(calibration.onCloud() * n); i < cloud; i++) {
            onCloud[all[i]] = true;
        }

        for (int e = 0; e < n; e++) {
            assignProcesses(fleet, random, e, fullyDigitized[e]);
            assignHosting(fleet, random, e, onCloud[e]);
            assignMachines(fleet, random, calibration, e, fullyDigitized[e], smart[e]);
        }
    }

    private static void assignProcesses(Fleet fleet, SplittableRandom random, int e, boolean fullyDigitized) {
        int base = e * PROCESS_COUNT;
        if (fullyDigitized) {
            Arrays.fill(fleet.processModes, base, base + PROCESS_COUNT, DIGITIZED);
            return;
        }
        // Between 3 and 7 processes digitized, the likelier ones first (weighted sampling
        // without replacement: the largest u^(1/w) win).
        int digitized = 3 + random.nextInt(5);
        double[] keys = new double[PROCESS_COUNT];
        for (int p = 0; p < PROCESS_COUNT; p++) {
            keys[p] = Math.pow(random.nextDouble(), 1.0 / PROCESS_DIGITIZATION_WEIGHT[p]);
        }
        for (int p = 0; p < PROCESS_COUNT; p++) {
            int rank = 0;
            for (int q = 0; q < PROCESS_COUNT; q++) {
                if (keys[q] > keys[p] || (keys[q] == keys[p] && q < p)) {
                    rank++;
                }
            }
            fleet.processModes[base + p] = rank < digitized
                    ? DIGITIZED
                    : (random.nextBoolean() ? NOT_DIGITIZED : NO_SYSTEM);
        }
    }

    /** Hosting is a property of a system; processes served by the same system share it. */
    private static void assignHosting(Fleet fleet, SplittableRandom random, int e, boolean onCloud) {
        int base = e * PROCESS_COUNT;
        Arrays.fill(fleet.processHosting, base, base + PROCESS_COUNT, (byte) Hosting.ON_PREMISES.ordinal());
        if (!onCloud) {
            return;
        }
        String[] present = Arrays.stream(SYSTEM_OF_PROCESS).distinct()
                .filter(system -> hasSystem(fleet, e, system)).toArray(String[]::new);
        int surelyInCloud = random.nextInt(present.length);
        for (int s = 0; s < present.length; s++) {
            if (s == surelyInCloud || random.nextDouble() < 0.3) {
                Hosting hosting = random.nextDouble() < 0.65 ? Hosting.PUBLIC_CLOUD : Hosting.PRIVATE_CLOUD;
                for (int p = 0; p < PROCESS_COUNT; p++) {
                    if (SYSTEM_OF_PROCESS[p].equals(present[s])) {
                        fleet.processHosting[base + p] = (byte) hosting.ordinal();
                    }
                }
            }
        }
    }

    private static boolean hasSystem(Fleet fleet, int e, String system) {
        for (int p = 0; p < PROCESS_COUNT; p++) {
            if (SYSTEM_OF_PROCESS[p].equals(system) && fleet.processModes[e * PROCESS_COUNT + p] != NO_SYSTEM) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many machines are numerically controlled and cloud-connected. A smart factory has at
     * least 75 % of each; any other fully digitized enterprise is kept below 70 % in one of them,
     * so the smart-factory count equals the quota under the pipeline's default thresholds (0.7).
     */
    private static void assignMachines(Fleet fleet, SplittableRandom random, Calibration calibration, int e,
                                       boolean fullyDigitized, boolean smart) {
        int devices = fleet.devicesOf(e);
        int atThreshold = (SMART_THRESHOLD_TENTHS * devices + 9) / 10;
        if (smart) {
            int atLeast = (3 * devices + 3) / 4;
            fleet.ncDevices[e] = Math.max(atLeast, (int) Math.round((0.8 + 0.2 * random.nextDouble()) * devices));
            fleet.cloudDevices[e] = Math.max(atLeast, (int) Math.round((0.8 + 0.2 * random.nextDouble()) * devices));
            return;
        }
        double nc = clamp(calibration.numericallyControlled() + 0.15 * random.nextGaussian(), 0, 1);
        double cloud = clamp(calibration.deviceCloud() + 0.15 * random.nextGaussian(), 0, 1);
        fleet.ncDevices[e] = (int) Math.round(nc * devices);
        fleet.cloudDevices[e] = (int) Math.round(cloud * devices);
        if (fullyDigitized && fleet.ncDevices[e] >= atThreshold && fleet.cloudDevices[e] >= atThreshold) {
            fleet.cloudDevices[e] = atThreshold - 1;
        }
    }

    /** Renumbers the devices by phase (ties by the order drawn). */
    private static void orderByPhase(Fleet fleet) {
        long[] keys = new long[fleet.deviceCount];
        for (int d = 0; d < fleet.deviceCount; d++) {
            keys[d] = ((long) fleet.phaseMillis[d] << 32) | d;
        }
        Arrays.sort(keys);
        int[] drawnIndex = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            drawnIndex[i] = (int) keys[i];
        }
        permute(fleet.deviceEnterprise, drawnIndex);
        permute(fleet.deviceLocal, drawnIndex);
        permute(fleet.deviceLine, drawnIndex);
        permute(fleet.phaseMillis, drawnIndex);
        float[] units = fleet.unitsPerRunningHour.clone();
        float[] power = fleet.runningPowerKw.clone();
        for (int i = 0; i < drawnIndex.length; i++) {
            fleet.unitsPerRunningHour[i] = units[drawnIndex[i]];
            fleet.runningPowerKw[i] = power[drawnIndex[i]];
        }
    }

    private static void permute(int[] values, int[] drawnIndex) {
        int[] drawn = values.clone();
        for (int i = 0; i < drawnIndex.length; i++) {
            values[i] = drawn[drawnIndex[i]];
        }
    }

    private static int[] indices(Fleet fleet, boolean aboveScale) {
        int[] result = new int[fleet.enterpriseCount];
        int count = 0;
        for (int e = 0; e < fleet.enterpriseCount; e++) {
            if (fleet.aboveScale[e] == aboveScale) {
                result[count++] = e;
            }
        }
        return Arrays.copyOf(result, count);
    }

    private static void shuffle(SplittableRandom random, int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    static int pick(SplittableRandom random, double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static double logNormal(SplittableRandom random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
