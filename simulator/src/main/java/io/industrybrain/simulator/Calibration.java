package io.industrybrain.simulator;

/**
 * What the simulated province looks like at a point between the plan's 2020 baseline
 * ({@code progress} 0) and its 2025 targets ({@code progress} 1); every value moves linearly.
 *
 * <p>Figures from the plan's indicator table: above-scale labour productivity 25.0 (10k CNY per
 * person-year) in 2020; 68.3 % of above-scale enterprises with all key business processes
 * digitized in 2020, 80 % targeted for 2025; 263 future/smart factories in 2020, 1,000 targeted.
 * The plan gives a 2025 productivity target only society-wide (16.6 to 22, +32.5 %); above-scale
 * productivity is taken to grow by the same factor, to 33.1. Below-scale enterprises are as far
 * behind as the society-wide figure is behind the above-scale one (16.6 / 25). Shares the plan
 * does not give (cloud adoption, numerically controlled and cloud-connected machines, downtime,
 * defects, below-scale digitization) are stated assumptions, named below.
 *
 * @param aboveScaleProductivity value added per employee of an above-scale enterprise, 10k CNY per person-year
 * @param belowScaleProductivity the same for enterprises below scale
 * @param fullyDigitizedAboveScale share of above-scale enterprises with all 8 key processes digitized
 * @param fullyDigitizedBelowScale the same share below scale (assumption: 40 % to 55 %)
 * @param onCloud share of enterprises running at least one business system in a cloud (assumption: 60 % to 80 %)
 * @param numericallyControlled mean share of numerically controlled machines (assumption: 55 % to 70 %)
 * @param deviceCloud mean share of cloud-connected machines (assumption: 35 % to 60 %)
 * @param smartFactoryAboveScale share of above-scale enterprises that are smart factories: fully digitized with at
 *                               least 70 % numerically controlled and 70 % cloud-connected machines (5 % to 19 %,
 *                               the plan's growth from 263 to 1,000 applied to an assumed 5 %)
 * @param downtimeFactor how often and how long machines break down, relative to 2020 (assumption: 1.0 to 0.6)
 * @param defectFactor defect rate relative to 2020 (assumption: 1.0 to 0.6)
 */
record Calibration(
        double aboveScaleProductivity,
        double belowScaleProductivity,
        double fullyDigitizedAboveScale,
        double fullyDigitizedBelowScale,
        double onCloud,
        double numericallyControlled,
        double deviceCloud,
        double smartFactoryAboveScale,
        double downtimeFactor,
        double defectFactor) {

    static final double PRODUCTIVITY_2020 = 25.0;
    static final double PRODUCTIVITY_2025 = PRODUCTIVITY_2020 * 22.0 / 16.6;
    static final double BELOW_SCALE_RELATIVE_PRODUCTIVITY = 16.6 / 25.0;
    static final double FULLY_DIGITIZED_2020 = 0.683;
    static final double FULLY_DIGITIZED_2025 = 0.80;

    /** The province at {@code progress} in [0, 1] between the 2020 baseline and the 2025 targets. */
    static Calibration at(double progress) {
        double aboveScale = between(PRODUCTIVITY_2020, PRODUCTIVITY_2025, progress);
        return new Calibration(
                aboveScale,
                aboveScale * BELOW_SCALE_RELATIVE_PRODUCTIVITY,
                between(FULLY_DIGITIZED_2020, FULLY_DIGITIZED_2025, progress),
                between(0.40, 0.55, progress),
                between(0.60, 0.80, progress),
                between(0.55, 0.70, progress),
                between(0.35, 0.60, progress),
                between(0.05, 0.05 * 1000.0 / 263.0, progress),
                between(1.0, 0.6, progress),
                between(1.0, 0.6, progress));
    }

    private static double between(double baseline, double target, double progress) {
        return baseline + (target - baseline) * progress;
    }
}
