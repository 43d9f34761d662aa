package io.industrybrain.simulator;

/**
 * The industry chains the simulated fleet is drawn from; the constant's name is the chain code
 * written into {@code Enterprise.industryChain}. The pipeline treats chains as data: this
 * catalog only shapes the simulated fleet.
 *
 * <p>Per chain: its share of the fleet (percent), its labour productivity relative to the
 * average enterprise (normalised away over the drawn fleet, so only the spread between chains
 * matters), the value-added ratio of its output, the price of one unit of product, and what a
 * typical machine does: units per running hour and power drawn while running.
 */
public enum IndustryChain {
    DIGITAL_SECURITY(true, 8, 1.3, 0.35, 300, "CAM", 60, 8),
    HIGH_END_SOFTWARE(true, 5, 1.6, 0.55, 800, "SW", 4, 3),
    INTEGRATED_CIRCUITS(true, 8, 1.8, 0.35, 12, "IC", 2000, 25),
    NETWORK_COMMUNICATION(true, 9, 1.4, 0.30, 1500, "NET", 20, 10),
    INTELLIGENT_COMPUTING(true, 6, 1.5, 0.30, 30000, "SRV", 2, 15),
    TEXTILES(false, 20, 0.6, 0.20, 25, "TEX", 400, 20),
    AUTO_PARTS(false, 18, 1.0, 0.22, 80, "AUTO", 120, 30),
    MACHINERY(false, 14, 1.0, 0.25, 5000, "MACH", 3, 35),
    HOME_APPLIANCES(false, 12, 0.9, 0.22, 600, "HA", 40, 15);

    private final boolean signature;
    private final double weight;
    private final double relativeProductivity;
    private final double valueAddedRatio;
    private final double unitPriceCny;
    private final String productPrefix;
    private final double unitsPerRunningHour;
    private final double runningPowerKw;

    IndustryChain(boolean signature, double weight, double relativeProductivity, double valueAddedRatio,
                  double unitPriceCny, String productPrefix, double unitsPerRunningHour, double runningPowerKw) {
        this.signature = signature;
        this.weight = weight;
        this.relativeProductivity = relativeProductivity;
        this.valueAddedRatio = valueAddedRatio;
        this.unitPriceCny = unitPriceCny;
        this.productPrefix = productPrefix;
        this.unitsPerRunningHour = unitsPerRunningHour;
        this.runningPowerKw = runningPowerKw;
    }

    public String code() { return name(); }

    /** True for the plan's five signature chains (标志性产业链), false for traditional ones. */
    public boolean signature() { return signature; }

    double weight() { return weight; }
    double relativeProductivity() { return relativeProductivity; }
    double valueAddedRatio() { return valueAddedRatio; }
    double unitPriceCny() { return unitPriceCny; }
    String productPrefix() { return productPrefix; }
    double unitsPerRunningHour() { return unitsPerRunningHour; }
    double runningPowerKw() { return runningPowerKw; }
}
