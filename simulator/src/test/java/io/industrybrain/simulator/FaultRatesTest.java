package io.industrybrain.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultRatesTest {

    @Test
    void readsEveryKindAndLeavesTheRestAtZero() {
        assertEquals(new FaultRates(0.01, 0.02, 0.001, 0.0001, 0.003, 0.004, 0.005),
                FaultRates.parse("duplicate=0.01, reorder=0.02,late=0.001,outage=0.0001,malformed=0.003,"
                        + "invalid=0.004,unknown=0.005"));
        assertEquals(new FaultRates(0.01, 0, 0, 0, 0, 0, 0), FaultRates.parse("duplicate=0.01"));
        assertEquals(FaultRates.NONE, FaultRates.parse(""));
    }

    @Test
    void writesWhatItReads() {
        FaultRates rates = FaultRates.parse("duplicate=0.01,late=0.001,unknown=0.5");
        assertEquals("duplicate=0.01,late=0.001,unknown=0.5", rates.toString());
        assertEquals(rates, FaultRates.parse(rates.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "duplicate                  | is not kind=rate",
        "dupes=0.1                  | unknown kind 'dupes'",
        "late=often                 | rate of 'late' is not a number",
        "reorder=-0.1               | rate of 'reorder' must be within [0, 1]",
        "invalid=0.6,malformed=0.6  | rates add up to"})
    void refusesWhatItCannotRead(String text, String problem) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FaultRates.parse(text));
        assertTrue(refused.getMessage().startsWith("simulator setting 'faults': "), refused.getMessage());
        assertTrue(refused.getMessage().contains(problem), refused.getMessage());
    }
}
