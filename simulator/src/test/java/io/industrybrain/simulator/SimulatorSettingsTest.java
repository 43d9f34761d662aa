package io.industrybrain.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorSettingsTest {

    private static final SimulatorSettings DEFAULTS = SimulatorSettings.defaults();

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(200, DEFAULTS.enterprises());
        assertEquals(0, DEFAULTS.devicesPerEnterprise());
        assertEquals(20_000, DEFAULTS.ratePerSecond());
        assertEquals(FaultRates.NONE, DEFAULTS.faults());
        assertEquals(Duration.ZERO, DEFAULTS.backfill());
        assertEquals(Duration.ofHours(1), DEFAULTS.window());
        assertEquals(Duration.ofMinutes(10), DEFAULTS.grace());
        assertEquals(0.0, DEFAULTS.progress());
    }

    static Stream<Arguments> badSettings() {
        FaultRates outages = FaultRates.parse("outage=0.01");
        FaultRates reorders = FaultRates.parse("reorder=0.01");
        return Stream.of(
                bad("enterprises", () -> DEFAULTS.withEnterprises(0)),
                bad("devices-per-enterprise", () -> DEFAULTS.withDevicesPerEnterprise(-1)),
                bad("devices-per-enterprise", () -> DEFAULTS.withEnterprises(1_000_000).withDevicesPerEnterprise(11)),
                bad("rate", () -> DEFAULTS.withRatePerSecond(0)),
                bad("rate", () -> DEFAULTS.withRatePerSecond(Double.NaN)),
                bad("backfill", () -> DEFAULTS.withBackfill(Duration.ofMinutes(-1))),
                bad("window", () -> DEFAULTS.withWindow(Duration.ofMillis(1500))),
                bad("grace", () -> DEFAULTS.withGrace(Duration.ofMinutes(-1))),
                bad("sample-interval", () -> DEFAULTS.withSampleInterval(Duration.ofMillis(500))),
                bad("sample-interval", () -> DEFAULTS.withSampleInterval(Duration.ofHours(1))),
                bad("sample-interval", () -> DEFAULTS.withFaults(reorders).withSampleInterval(Duration.ofMinutes(10))),
                bad("heartbeat-interval", () -> DEFAULTS.withHeartbeatInterval(Duration.ofHours(1))),
                bad("heartbeat-interval", () -> DEFAULTS.withHeartbeatInterval(Duration.ZERO)),
                bad("outage-duration", () -> DEFAULTS.withOutageDuration(Duration.ZERO)),
                bad("outage-duration", () -> DEFAULTS.withFaults(outages).withOutageDuration(Duration.ofMinutes(9))),
                bad("reference-changes-per-day", () -> DEFAULTS.withReferenceChangesPerDay(-1)),
                bad("progress", () -> DEFAULTS.withProgress(1.5)));
    }

    private static Arguments bad(String setting, Supplier<SimulatorSettings> settings) {
        return Arguments.of(setting, settings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadSettingIsRefusedByName(String setting, Supplier<SimulatorSettings> settings) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, settings::get);
        assertTrue(refused.getMessage().startsWith("simulator setting '" + setting + "' must be"), refused.getMessage());
    }

    @Test
    void faultsWithinGraceAreAccepted() {
        SimulatorSettings settings = DEFAULTS.withFaults(FaultRates.parse("outage=0.01,reorder=0.01"))
                .withOutageDuration(Duration.ofMinutes(8));
        assertEquals(Duration.ofMinutes(8), settings.outageDuration());
    }
}
