package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.simulator.SimulatorSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulateFlagTest {

    private static String failure(SimulateFlag flag, String value) {
        return assertThrows(SettingException.class, () -> flag.apply(SimulatorSettings.defaults(), value)).getMessage();
    }

    @Test
    void eachFlagSetsItsSetting() {
        SimulatorSettings s = SimulatorSettings.defaults();
        assertEquals(7, SimulateFlag.ENTERPRISES.apply(s, "7").enterprises());
        assertEquals(Double.POSITIVE_INFINITY, SimulateFlag.RATE.apply(s, "unlimited").ratePerSecond());
        assertEquals(0.01, SimulateFlag.FAULTS.apply(s, "duplicate=0.01").faults().duplicate());
        assertEquals(Duration.ofMinutes(30), SimulateFlag.SAMPLE_INTERVAL.apply(s, "PT30M").sampleInterval());
        assertEquals(0.5, SimulateFlag.PROGRESS.apply(s, "0.5").progress());
    }

    @Test
    void badValuesAreNamedByTheirFlag() {
        assertEquals("enterprises: 'many' is not a number", failure(SimulateFlag.ENTERPRISES, "many"));
        assertEquals("enterprises: simulator setting 'enterprises' must be within [1, 1000000], was 0", failure(SimulateFlag.ENTERPRISES, "0"));
        assertEquals("backfill: '2h' is not an ISO-8601 duration such as PT2H", failure(SimulateFlag.BACKFILL, "2h"));
    }

    @Test
    void helpListsEveryFlagWithTheSimulatorsDefault() {
        String usage = Brain.usage();
        for (SimulateFlag flag : SimulateFlag.values()) {
            assertTrue(usage.contains("--" + flag.flagName() + "="), flag.flagName());
        }
        // the defaults of SimulatorSettings.defaults(), written out by hand
        assertTrue(usage.contains("records sent per second at most, or unlimited [20000]"), usage);
        assertTrue(usage.contains("enterprises in the fleet [200]"), usage);
        assertTrue(usage.contains("(empty: none) [none]"), usage);
        assertTrue(usage.contains("--duration=..."), usage);
    }
}
