package io.industrybrain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.MetricTarget;
import io.industrybrain.schema.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped plan targets, and every way a targets file or the command line can be wrong. */
class TargetsFileTest {

    @TempDir
    Path dir;

    @Test
    void theShippedPlanHoldsTheProvincesThree2025TargetsWithTheir2020Baselines() {
        LocalDate due = LocalDate.parse("2025-12-31");
        LocalDate baselineDate = LocalDate.parse("2020-12-31");
        assertEquals(List.of(
                        new MetricTarget(Scope.PROVINCE, "ZJ", "fullyDigitizedRate", 0.80, due, 0.683, baselineDate),
                        new MetricTarget(Scope.PROVINCE, "ZJ", "annualizedLaborProductivity", 22.0, due, 16.6, baselineDate),
                        new MetricTarget(Scope.PROVINCE, "ZJ", "smartFactoryEnterprises", 1000.0, due, 263.0, baselineDate)),
                TargetsFile.read(Path.of("../targets/plan-2025.json")));
    }

    @Test
    void dueDateAndNoteAreOptional() throws IOException {
        Path file = Files.writeString(dir.resolve("t.json"), """
                {"targets": [{"scope": "REGION", "scopeId": "HZ", "metric": "cloudAdoptionRate", "target": 0.5}]}""");
        assertEquals(List.of(new MetricTarget(Scope.REGION, "HZ", "cloudAdoptionRate", 0.5, null, null, null)), TargetsFile.read(file));
    }

    private record Outcome(int code, String out, String err) { }

    private static Outcome brain(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Brain.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | {"targets": [                                                                          | not JSON
            not an object             | [1, 2]                                                                                 | must be a JSON object
            no targets array          | {"targets": {}}                                                                        | "targets" must be an array
            unknown top-level field   | {"target": []}                                                                         | unknown field "target"
            unknown scope             | {"targets": [{"scope": "CITY", "scopeId": "HZ", "metric": "qualityRate", "target": 1}]} | targets[0].scope: 'CITY' is not one of
            unknown metric            | {"targets": [{"scope": "REGION", "scopeId": "HZ", "metric": "happiness", "target": 1}]} | targets[0]: metric 'happiness' is not an indicator
            completeness field        | {"targets": [{"scope": "REGION", "scopeId": "HZ", "metric": "revision", "target": 1}]}  | metric 'revision' is not an indicator
            blank scopeId             | {"targets": [{"scope": "REGION", "scopeId": " ", "metric": "qualityRate", "target": 1}]} | targets[0]: scopeId is empty
            target not a number       | {"targets": [{"scope": "REGION", "scopeId": "HZ", "metric": "qualityRate", "target": "1"}]} | targets[0].target: must be a number
            misspelt field            | {"targets": [{"scope": "REGION", "scopeId": "HZ", "metric": "qualityRate", "target": 1, "duedate": "2025-12-31"}]} | targets[0]: unknown field "duedate"
            bad date                  | {"targets": [{"scope": "REGION", "scopeId": "HZ", "metric": "qualityRate", "target": 1, "dueDate": "2025-13-01"}]} | targets[0].dueDate: '2025-13-01' is not a date
            baseline without date     | {"targets": [{"scope": "REGION", "scopeId": "HZ", "metric": "qualityRate", "target": 1, "dueDate": "2025-12-31", "baseline": 0.5}]} | targets[0]: baseline and baselineDate go together
            baseline after due date   | {"targets": [{"scope": "REGION", "scopeId": "HZ", "metric": "qualityRate", "target": 1, "dueDate": "2025-12-31", "baseline": 0.5, "baselineDate": "2026-01-01"}]} | targets[0]: baselineDate must be before dueDate
            baseline not a number     | {"targets": [{"scope": "REGION", "scopeId": "HZ", "metric": "qualityRate", "target": 1, "baseline": "0.5"}]} | targets[0].baseline: must be a number
            the same target twice     | {"targets": [{"scope": "REGION", "scopeId": "HZ", "metric": "qualityRate", "target": 1}, {"scope": "REGION", "scopeId": "HZ", "metric": "qualityRate", "target": 2}]} | targets[1]: a second target for REGION:HZ:qualityRate
            """)
    void aBadFileStopsTheCommandWithOneLineAndExitCode2(String problem, String content, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), content);
        // No broker runs on this port: the file is refused before anything is contacted.
        Outcome outcome = brain("targets", "load", file.toString(), "--broker.port=1");
        assertEquals(Brain.EXIT_BAD_SETTING, outcome.code(), problem);
        assertEquals("", outcome.out());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().startsWith("error: targets: " + file + ": "), outcome.err());
        assertTrue(outcome.err().contains(message), () -> problem + ": " + outcome.err());
    }

    @Test
    void aMissingFileIsNamed() {
        Outcome outcome = brain("targets", "load", dir.resolve("nowhere.json").toString());
        assertEquals(Brain.EXIT_BAD_SETTING, outcome.code());
        assertTrue(outcome.err().startsWith("error: targets: " + dir.resolve("nowhere.json") + ": cannot read it"), outcome.err());
    }

    @ParameterizedTest
    @CsvSource({"targets", "targets load", "targets lod plan.json", "targets load a.json b.json"})
    void anythingButLoadAndOneFileIsAUsageError(String commandLine) {
        Outcome outcome = brain(commandLine.split(" "));
        assertEquals(Brain.EXIT_BAD_SETTING, outcome.code());
        assertEquals("error: targets: " + LoadTargetsCommand.USAGE + System.lineSeparator(), outcome.err());
    }

    @Test
    void helpListsTheCommand() {
        assertTrue(brain("--help").out().contains("targets load FILE"));
    }
}
