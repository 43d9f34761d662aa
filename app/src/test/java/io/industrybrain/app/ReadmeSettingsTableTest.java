package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's settings table is the documentation operators read: it must list exactly the settings there are. */
class ReadmeSettingsTableTest {

    @Test
    void theReadmeTableIsTheSettingsListRowForRow() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../README.md")).stream()
                .filter(line -> line.startsWith("| `") && line.contains("| `BRAIN_"))
                .toList();

        // name, environment variable, default and the whole description, in the order of the list
        List<String> expected = Arrays.stream(Setting.values())
                .map(s -> "| `" + s.key() + "` | `" + s.environmentVariable() + "` | "
                        + s.defaultValue().map(v -> v.isEmpty() ? "empty" : v).orElse("unset") + " | " + s.description() + " |")
                .toList();
        assertEquals(expected, rows);
    }
}
