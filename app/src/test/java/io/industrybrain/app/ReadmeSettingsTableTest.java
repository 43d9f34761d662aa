package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's settings table is the documentation operators read: it must list exactly the settings there are. */
class ReadmeSettingsTableTest {

    @Test
    void everySettingHasItsRowAndEveryRowIsASetting() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../README.md")).stream()
                .filter(line -> line.startsWith("| `") && line.contains("| `BRAIN_"))
                .toList();

        for (Setting s : Setting.values()) {
            String expectedStart = "| `" + s.key() + "` | `" + s.environmentVariable() + "` | "
                    + s.defaultValue().map(v -> v.isEmpty() ? "empty" : v).orElse("unset") + " |";
            assertTrue(rows.stream().anyMatch(r -> r.startsWith(expectedStart)), "README lacks the row " + expectedStart);
        }
        assertEquals(Setting.values().length, rows.size(), "README rows that are not settings: " + rows);
    }
}
