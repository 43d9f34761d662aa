package io.industrybrain.simulator;

/** How big the drawn fleet is, for logs and reports. */
public record FleetSummary(int enterprises, int aboveScaleEnterprises, int lines, int devices) { }
