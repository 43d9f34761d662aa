package io.industrybrain.streams.topology.window;

import io.industrybrain.streams.topology.progress.SourceProgress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowGeometryTest {

    private final WindowGeometry windows = new WindowGeometry(Duration.ofHours(1), Duration.ofMinutes(10));
    private final long ten = millis("10:00:00");

    private static long millis(String time) {
        return Instant.parse("2026-03-01T" + time + "Z").toEpochMilli();
    }

    @Test
    void anEventBelongsToTheWindowHoldingItsTime() {
        assertEquals(ten, windows.startOf(millis("10:00:00")));
        assertEquals(ten, windows.startOf(millis("10:59:59.999")));
        assertEquals(millis("11:00:00"), windows.startOf(millis("11:00:00")));
        assertEquals(millis("11:00:00"), windows.endOf(ten));
    }

    @Test
    void aWindowClosesWhenStreamTimeReachesItsEndPlusGrace() {
        assertFalse(windows.isClosed(ten, millis("11:09:59.999")));
        assertTrue(windows.isClosed(ten, millis("11:10:00")));
        assertFalse(windows.isClosed(ten, SourceProgress.NONE));
        // the epoch's first window [0, 1 h) closes at 1 h 10 min
        assertEquals(WindowGeometry.NONE, windows.lastClosedStart(Duration.ofMinutes(70).toMillis() - 1));
        assertEquals(0L, windows.lastClosedStart(Duration.ofMinutes(70).toMillis()));
        assertEquals(millis("09:00:00"), windows.lastClosedStart(millis("11:09:59.999")));
        assertEquals(ten, windows.lastClosedStart(millis("11:10:00")));
        assertEquals(WindowGeometry.NONE, windows.lastClosedStart(SourceProgress.NONE));
    }

    @Test
    void anEventIsLateInGraceOnceStreamTimeHasReachedItsWindowsEnd() {
        assertFalse(windows.isLateInGrace(ten, millis("10:59:59.999")));
        assertTrue(windows.isLateInGrace(ten, millis("11:00:00")));
        assertTrue(windows.isLateInGrace(ten, millis("11:09:59.999")));
        assertFalse(windows.isLateInGrace(ten, millis("11:10:00")), "closed, not in grace");
    }
}
