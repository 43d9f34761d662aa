package io.industrybrain.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How often each kind of fault is injected: the probability, per generated event, that the
 * event carries that fault. An event carries at most one fault, so the rates add up to at most 1.
 *
 * @param duplicate a gateway retry: the record is sent twice, byte for byte (telemetry, batches, shifts)
 * @param reorder a telemetry sample held back and sent right after the same device's next sample
 * @param late an extra telemetry sample whose event time is older than window + grace behind the stream
 * @param outage the enterprise's telemetry gateway goes down: its samples are held for
 *               {@code outage-duration}, then sent in one burst
 * @param malformed an extra record whose bytes are not the wire format
 * @param invalid an extra schema-valid record with an out-of-range value (see {@link InvalidKind})
 * @param unknownEnterprise an extra record from an enterprise that has no reference data
 */
public record FaultRates(
        double duplicate,
        double reorder,
        double late,
        double outage,
        double malformed,
        double invalid,
        double unknownEnterprise) {

    /** The names {@link #parse} accepts, in the order of the components. */
    private static final List<String> KINDS =
            List.of("duplicate", "reorder", "late", "outage", "malformed", "invalid", "unknown");

    /** No faults at all. */
    public static final FaultRates NONE = new FaultRates(0, 0, 0, 0, 0, 0, 0);

    public FaultRates {
        checkRate("duplicate", duplicate);
        checkRate("reorder", reorder);
        checkRate("late", late);
        checkRate("outage", outage);
        checkRate("malformed", malformed);
        checkRate("invalid", invalid);
        checkRate("unknown", unknownEnterprise);
        double total = duplicate + reorder + late + outage + malformed + invalid + unknownEnterprise;
        if (total > 1.0) {
            throw new IllegalArgumentException(
                    "simulator setting 'faults': rates add up to " + total + ", more than 1 (one fault per event at most)");
        }
    }

    /**
     * Reads {@code duplicate=0.01,reorder=0.01,late=0.001,outage=0.0001,malformed=0.001,invalid=0.001,unknown=0.001};
     * kinds left out are 0, an empty text is {@link #NONE}.
     */
    public static FaultRates parse(String text) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("simulator setting 'faults': '" + trimmed + "' is not kind=rate");
            }
            String kind = trimmed.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("simulator setting 'faults': unknown kind '" + kind
                        + "', expected one of " + KINDS);
            }
            String value = trimmed.substring(equals + 1).trim();
            try {
                rates.put(kind, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("simulator setting 'faults': rate of '" + kind
                        + "' is not a number: '" + value + "'");
            }
        }
        return new FaultRates(
                rates.getOrDefault("duplicate", 0.0),
                rates.getOrDefault("reorder", 0.0),
                rates.getOrDefault("late", 0.0),
                rates.getOrDefault("outage", 0.0),
                rates.getOrDefault("malformed", 0.0),
                rates.getOrDefault("invalid", 0.0),
                rates.getOrDefault("unknown", 0.0));
    }

    /** The probability that an event carries some fault. */
    public double total() {
        return duplicate + reorder + late + outage + malformed + invalid + unknownEnterprise;
    }

    /** The text {@link #parse} reads, listing only the kinds that are not 0. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(",");
        double[] values = {duplicate, reorder, late, outage, malformed, invalid, unknownEnterprise};
        for (int i = 0; i < values.length; i++) {
            if (values[i] > 0) {
                text.add(KINDS.get(i) + "=" + values[i]);
            }
        }
        return text.toString();
    }

    private static void checkRate(String kind, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(
                    "simulator setting 'faults': rate of '" + kind + "' must be within [0, 1], was " + rate);
        }
    }
}
