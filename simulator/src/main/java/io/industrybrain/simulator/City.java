package io.industrybrain.simulator;

/**
 * The 11 prefecture-level cities of the province; the constant's name is the city code the
 * simulator writes into {@code Enterprise.region}.
 *
 * <p>The weight is the city's rough share (percent) of the province's above-scale industrial
 * enterprises, so that the simulated fleet is spread the way the real one is: Ningbo and
 * Hangzhou large, Zhoushan and Quzhou small.
 */
public enum City {
    HZ("Hangzhou", 14.0),
    NB("Ningbo", 18.0),
    WZ("Wenzhou", 12.0),
    JX("Jiaxing", 11.0),
    HU("Huzhou", 8.0),
    SX("Shaoxing", 10.0),
    JH("Jinhua", 9.0),
    QZ("Quzhou", 3.0),
    ZS("Zhoushan", 1.5),
    TZ("Taizhou", 10.0),
    LS("Lishui", 3.5);

    private final String displayName;
    private final double weight;

    City(String displayName, double weight) {
        this.displayName = displayName;
        this.weight = weight;
    }

    public String code() { return name(); }

    public String displayName() { return displayName; }

    double weight() { return weight; }
}
