package io.industrybrain.registry;

import static io.industrybrain.registry.CompatibilityLevel.BACKWARD;
import static io.industrybrain.registry.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static io.industrybrain.registry.CompatibilityLevel.FORWARD;
import static io.industrybrain.registry.CompatibilityLevel.FULL;
import static io.industrybrain.registry.CompatibilityLevel.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    @Test
    void backwardRefusesANewFieldWithoutDefaultAndAcceptsOneWithDefault() {
        List<SubjectVersion> earlier = versions(Schemas.READING);

        List<String> required = problems(BACKWARD, Schemas.READING_WITH_REQUIRED_VALUE, earlier);
        List<String> optional = problems(BACKWARD, Schemas.READING_WITH_UNIT, earlier);

        assertEquals(1, required.size(), required.toString());
        assertTrue(required.get(0).contains("version 1") && required.get(0).contains("READER_FIELD_MISSING_DEFAULT_VALUE"),
                required.get(0));
        assertEquals(List.of(), optional);
    }

    @Test
    void forwardLooksTheOtherWay() {
        // Old readers ignore a new field, but miss a dropped one that has no default.
        assertEquals(List.of(), problems(FORWARD, Schemas.READING_WITH_REQUIRED_VALUE, versions(Schemas.READING)));

        List<SubjectVersion> withValue = versions(Schemas.READING_WITH_REQUIRED_VALUE);
        List<String> dropped = problems(FORWARD, Schemas.READING, withValue);
        assertEquals(1, dropped.size(), dropped.toString());
        assertTrue(dropped.get(0).startsWith("version 1 cannot read data written with the new schema"), dropped.get(0));
        assertEquals(List.of(), problems(BACKWARD, Schemas.READING, withValue));
    }

    @Test
    void fullNeedsBothDirections() {
        List<SubjectVersion> earlier = versions(Schemas.READING);

        assertEquals(1, problems(FULL, Schemas.READING_WITH_REQUIRED_VALUE, earlier).size());
        assertEquals(List.of(), problems(FULL, Schemas.READING_WITH_UNIT, earlier));
    }

    @Test
    void noneAcceptsAnyChange() {
        assertEquals(List.of(), problems(NONE, Schemas.READING_WITH_NUMERIC_SENSOR, versions(Schemas.READING)));
        assertEquals(2, problems(FULL, Schemas.READING_WITH_NUMERIC_SENSOR, versions(Schemas.READING)).size());
    }

    @Test
    void transitiveChecksEveryEarlierVersionAndTheOthersOnlyTheLatest() {
        // READING_UNIT_ONLY reads version 2's data (it has a unit) but not version 1's (no unit, no default).
        List<SubjectVersion> earlier = versions(Schemas.READING, Schemas.READING_WITH_UNIT);

        assertEquals(List.of(), problems(BACKWARD, Schemas.READING_UNIT_ONLY, earlier));
        List<String> transitive = problems(BACKWARD_TRANSITIVE, Schemas.READING_UNIT_ONLY, earlier);
        assertEquals(1, transitive.size(), transitive.toString());
        assertTrue(transitive.get(0).contains("version 1"), transitive.get(0));
    }

    @Test
    void aSubjectWithoutVersionsAcceptsAnything() {
        assertEquals(List.of(), problems(FULL, Schemas.SHIFT, List.of()));
    }

    @Test
    void levelsAreReadWhateverTheirCaseAndAnythingElseIs42203() {
        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, CompatibilityLevel.parse("full_transitive"));
        RegistryException refused = assertThrows(RegistryException.class, () -> CompatibilityLevel.parse("SIDEWAYS"));
        assertEquals(42203, refused.errorCode());
        assertEquals(422, refused.httpStatus());
        assertEquals(42203, assertThrows(RegistryException.class, () -> CompatibilityLevel.parse(null)).errorCode());
    }

    private static List<String> problems(CompatibilityLevel level, String candidate, List<SubjectVersion> earlier) {
        return CompatibilityChecker.problems(level, CanonicalSchema.parse(candidate).avro(), earlier);
    }

    private static List<SubjectVersion> versions(String... schemas) {
        List<SubjectVersion> versions = new ArrayList<>();
        for (int i = 0; i < schemas.length; i++) {
            versions.add(new SubjectVersion("s", i + 1, i + 1, CanonicalSchema.parse(schemas[i]), false, "w" + i));
        }
        return versions;
    }
}
