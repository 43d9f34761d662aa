package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The READMEs' tables are the documentation operators read: they must list exactly the settings and flags there are. */
class ReadmeSettingsTableTest {

    @Test
    void theReadmeTableIsTheSettingsListRowForRow() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../README.md")).stream()
                .filter(line -> line.startsWith("| `") && line.contains("| `BRAIN_") && !line.startsWith("| `" + KafkaPassThrough.PREFIX))
                .toList();

        // name, environment variable, default and the whole description, in the order of the list
        List<String> expected = Arrays.stream(Setting.values())
                .map(s -> "| `" + s.key() + "` | `" + s.environmentVariable() + "` | "
                        + s.defaultValue().map(v -> v.isEmpty() ? "empty" : v).orElse("unset") + " | " + s.description() + " |")
                .toList();
        assertEquals(expected, rows);
    }

    @Test
    void theReadmeNamesBothFamiliesOfKafkaSettingsAsTheLoaderReadsThem() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../README.md")).stream()
                .filter(line -> line.startsWith("| `" + KafkaPassThrough.PREFIX))
                .map(line -> line.substring(0, line.indexOf(" |", line.indexOf("| `BRAIN_") + 1) + 2))
                .toList();

        List<String> expected = List.of(KafkaPassThrough.PREFIX, KafkaPassThrough.STREAMS_PREFIX).stream()
                .map(prefix -> "| `" + prefix + "<name>` | `" + KafkaPassThrough.environmentVariable(prefix) + "<NAME>` |")
                .toList();
        assertEquals(expected, rows);
    }

    @Test
    void theSimulatorReadmeListsExactlyTheSimulateFlags() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../simulator/README.md")).stream()
                .filter(line -> line.matches("\\| `--[a-z-]+` \\| .*") && !line.startsWith("| `--window`"))
                .toList();

        List<String> expected = Arrays.stream(SimulateFlag.values())
                .map(f -> "| `--" + f.flagName() + "` | " + f.description() + " | `" + f.defaultValue() + "` |")
                .toList();
        assertEquals(expected, rows);
    }
}
