package io.industrybrain.app;

import io.industrybrain.simulator.FaultRates;
import io.industrybrain.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The flags of {@code ./brain simulate}, besides the settings (window, grace, topic.prefix, ...): each one's name,
 * what it sets, its default (the simulator's own, read from {@link SimulatorSettings#defaults()}) and its
 * documentation. {@code ./brain --help} lists this table; the simulator checks the values.
 */
enum SimulateFlag {
    ENTERPRISES("enterprises", "enterprises in the fleet", SimulatorSettings::enterprises,
            (s, v) -> s.withEnterprises(Integer.parseInt(v))),
    DEVICES_PER_ENTERPRISE("devices-per-enterprise", "machines per enterprise (0: drawn from its head count)",
            SimulatorSettings::devicesPerEnterprise, (s, v) -> s.withDevicesPerEnterprise(Integer.parseInt(v))),
    RATE("rate", "records sent per second at most, or unlimited", s -> (long) s.ratePerSecond(),
            (s, v) -> s.withRatePerSecond(v.equals("unlimited") ? Double.POSITIVE_INFINITY : Double.parseDouble(v))),
    SEED("seed", "seed of every random draw", SimulatorSettings::seed, (s, v) -> s.withSeed(Long.parseLong(v))),
    FAULTS("faults", "fault rates, e.g. duplicate=0.01,reorder=0.01,late=0.001,malformed=0.001,invalid=0.001,"
            + "unknown=0.001,outage=0.001 (empty: none)", SimulatorSettings::faults, (s, v) -> s.withFaults(FaultRates.parse(v))),
    BACKFILL("backfill", "how far before now the simulated time begins", SimulatorSettings::backfill,
            (s, v) -> s.withBackfill(duration("backfill", v))),
    SAMPLE_INTERVAL("sample-interval", "one telemetry sample per machine per interval", SimulatorSettings::sampleInterval,
            (s, v) -> s.withSampleInterval(duration("sample-interval", v))),
    HEARTBEAT_INTERVAL("heartbeat-interval", "how often each business system reports", SimulatorSettings::heartbeatInterval,
            (s, v) -> s.withHeartbeatInterval(duration("heartbeat-interval", v))),
    OUTAGE_DURATION("outage-duration", "how long a gateway outage holds samples back", SimulatorSettings::outageDuration,
            (s, v) -> s.withOutageDuration(duration("outage-duration", v))),
    REFERENCE_CHANGES_PER_DAY("reference-changes-per-day", "changes of head count, city or chain per enterprise a day",
            SimulatorSettings::referenceChangesPerDay, (s, v) -> s.withReferenceChangesPerDay(Double.parseDouble(v))),
    PROGRESS("progress", "0.0: the plan's 2020 baseline, 1.0: its 2025 targets", SimulatorSettings::progress,
            (s, v) -> s.withProgress(Double.parseDouble(v)));

    /** Not a simulator setting but the command's own: stop by itself after this long. */
    static final String DURATION = "duration";
    /**
     * Not a simulator setting but the command's own: send this much of the fleet's history as a gateway's import would
     * (its backfill, at the full rate the broker takes), then stop.
     */
    static final String IMPORT = "import";

    private final String name;
    private final String description;
    private final Function<SimulatorSettings, Object> current;
    private final BiFunction<SimulatorSettings, String, SimulatorSettings> apply;

    SimulateFlag(String name, String description, Function<SimulatorSettings, Object> current,
                 BiFunction<SimulatorSettings, String, SimulatorSettings> apply) {
        this.name = name;
        this.description = description;
        this.current = current;
        this.apply = apply;
    }

    String flagName() { return name; }

    String description() { return description; }

    /** The simulator's default, as the flag would give it ({@code none} for an empty text). */
    String defaultValue() {
        String text = current.apply(SimulatorSettings.defaults()).toString();
        return text.isEmpty() ? "none" : text;
    }

    static Optional<SimulateFlag> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.name.equals(name)).findFirst();
    }

    /** The settings with this flag's value; a malformed or invalid value fails naming the flag. */
    SimulatorSettings apply(SimulatorSettings settings, String value) {
        try {
            return apply.apply(settings, value);
        } catch (NumberFormatException e) {
            throw new SettingException(name, "'" + value + "' is not a number");
        } catch (SettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // the simulator's own validation names the flag already
            throw new SettingException(name, e.getMessage());
        }
    }

    static Duration duration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new SettingException(name, "'" + value + "' is not an ISO-8601 duration such as PT2H");
        }
    }
}
