package io.industrybrain.registry;

import static io.industrybrain.registry.SchemaRegistry.LATEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.industrybrain.registry.RegistryEvent.SchemaRegistered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SchemaRegistryTest {

    private final RegistryState state = new RegistryState();
    private final InMemoryRegistryLog log = new InMemoryRegistryLog(state);
    private final SchemaRegistry registry = new SchemaRegistry(state, log);

    @Test
    void idsCountFromOneAndTheSameSchemaGetsTheSameIdInEverySubject() {
        int first = registry.register("orders-value", Schemas.READING);
        int second = registry.register("orders-value", Schemas.READING_WITH_UNIT);
        int elsewhere = registry.register("archive-value", Schemas.READING_WITH_UNIT_REFORMATTED);

        assertEquals(1, first);
        assertEquals(2, second);
        assertEquals(2, elsewhere, "same schema, written differently, other subject");
        assertEquals(List.of(1, 2), registry.versions("orders-value", false));
        assertEquals(List.of(1), registry.versions("archive-value", false));
    }

    @Test
    void registeringALiveSchemaAgainAddsNoVersion() {
        registry.register("orders-value", Schemas.READING);
        registry.register("orders-value", Schemas.READING_WITH_UNIT);
        int eventsBefore = log.written().size();

        assertEquals(1, registry.register("orders-value", Schemas.READING));
        assertEquals(List.of(1, 2), registry.versions("orders-value", false));
        assertEquals(eventsBefore, log.written().size());
    }

    @Test
    void anIncompatibleOrInvalidSchemaIsRefusedAndNotWritten() {
        registry.register("orders-value", Schemas.READING);

        assertRefused(409, 409, () -> registry.register("orders-value", Schemas.READING_WITH_REQUIRED_VALUE));
        assertRefused(422, 42201, () -> registry.register("orders-value", "{\"type\":\"record\",\"name\":\"x\"}"));
        assertRefused(422, 42201, () -> registry.register("orders-value", "   "));

        assertEquals(1, log.written().size());
        assertEquals(List.of(1), registry.versions("orders-value", false));
    }

    @Test
    void levelNoneAcceptsAnyChange() {
        registry.setSubjectLevel("orders-value", CompatibilityLevel.NONE);
        registry.register("orders-value", Schemas.READING);

        assertEquals(2, registry.register("orders-value", Schemas.READING_WITH_NUMERIC_SENSOR));
    }

    @Test
    void losingARaceForTheNextVersionDecidesAgainAgainstTheWinner() {
        // Another instance makes READING version 1 of the subject, id 1, just before our write lands.
        log.writeBeforeNextAppend(new SchemaRegistered("other", "orders-value", 1, 1, Schemas.READING));

        int id = registry.register("orders-value", Schemas.READING_WITH_UNIT);

        assertEquals(2, id);
        assertEquals(2, registry.version("orders-value", LATEST, false).version());
        assertEquals(1, registry.version("orders-value", 1, false).id());
        assertEquals(3, log.written().size(), "the other write, our refused one, our second one");
    }

    @Test
    void losingARaceForTheNextVersionCanEndIncompatible() {
        log.writeBeforeNextAppend(new SchemaRegistered("other", "orders-value", 1, 1, Schemas.READING));

        assertRefused(409, 409, () -> registry.register("orders-value", Schemas.READING_WITH_NUMERIC_SENSOR));
        assertEquals(List.of(1), registry.versions("orders-value", false));
    }

    @Test
    void losingARaceForAnIdTakesTheNextOne() {
        // Another instance gives id 1 to an unrelated schema in another subject.
        log.writeBeforeNextAppend(new SchemaRegistered("other", "shifts-value", 1, 1, Schemas.SHIFT));

        assertEquals(2, registry.register("orders-value", Schemas.READING));
        assertEquals(1, registry.schemaById(1).avro().getFields().size());
        assertEquals("Shift", registry.schemaById(1).avro().getName());
        assertEquals("Reading", registry.schemaById(2).avro().getName());
    }

    @Test
    void losingARaceWithTheSameSchemaReturnsTheWinnersId() {
        log.writeBeforeNextAppend(new SchemaRegistered("other", "orders-value", 1, 1, Schemas.READING));

        assertEquals(1, registry.register("orders-value", Schemas.READING));
        assertEquals(List.of(1), registry.versions("orders-value", false));
    }

    @Test
    void lookupFindsTheVersionHoldingASchemaAndTellsWhichPartIsMissing() {
        registry.register("orders-value", Schemas.READING);
        registry.register("orders-value", Schemas.READING_WITH_UNIT);

        SubjectVersion found = registry.lookup("orders-value", Schemas.READING_WITH_UNIT_REFORMATTED, false);

        assertEquals(2, found.version());
        assertEquals(2, found.id());
        assertRefused(404, 40401, () -> registry.lookup("unknown-value", Schemas.READING, false));
        assertRefused(404, 40403, () -> registry.lookup("orders-value", Schemas.SHIFT, false));
        assertRefused(422, 42201, () -> registry.lookup("orders-value", "nonsense", false));
    }

    @Test
    void versionsAreNumbersFromOneOrLatest() {
        assertEquals(LATEST, SchemaRegistry.parseVersion("latest"));
        assertEquals(LATEST, SchemaRegistry.parseVersion("-1"));
        assertEquals(7, SchemaRegistry.parseVersion("7"));
        for (String invalid : List.of("0", "-2", "one", "2147483648", "")) {
            assertRefused(422, 42202, () -> SchemaRegistry.parseVersion(invalid));
        }
    }

    @Test
    void aMissingVersionIs40402AndAMissingSubject40401() {
        registry.register("orders-value", Schemas.READING);

        assertRefused(404, 40402, () -> registry.version("orders-value", 2, false));
        assertRefused(404, 40401, () -> registry.version("unknown-value", 1, false));
        assertRefused(404, 40401, () -> registry.versions("unknown-value", false));
        assertRefused(404, 40403, () -> registry.schemaById(99));
    }

    @Test
    void softDeletedVersionsAreHiddenButTheirIdsStillResolve() {
        registry.register("orders-value", Schemas.READING);
        registry.register("orders-value", Schemas.READING_WITH_UNIT);

        assertEquals(1, registry.deleteVersion("orders-value", 1, false));

        assertEquals(List.of(2), registry.versions("orders-value", false));
        assertEquals(List.of(1, 2), registry.versions("orders-value", true));
        assertRefused(404, 40402, () -> registry.version("orders-value", 1, false));
        assertEquals(1, registry.version("orders-value", 1, true).id());
        assertRefused(404, 40403, () -> registry.lookup("orders-value", Schemas.READING, false));
        assertEquals(1, registry.lookup("orders-value", Schemas.READING, true).version());
        assertEquals("Reading", registry.schemaById(1).avro().getName());
        assertRefused(404, 40406, () -> registry.deleteVersion("orders-value", 1, false));
        assertRefused(404, 40407, () -> registry.deleteVersion("orders-value", 2, true));
    }

    @Test
    void deletingASubjectSoftlyThenPermanently() {
        registry.register("orders-value", Schemas.READING);
        registry.register("orders-value", Schemas.READING_WITH_UNIT);
        registry.register("shifts-value", Schemas.SHIFT);

        assertRefused(404, 40405, () -> registry.deleteSubject("orders-value", true));
        assertEquals(List.of(1, 2), registry.deleteSubject("orders-value", false));
        assertRefused(404, 40404, () -> registry.deleteSubject("orders-value", false));
        assertEquals(List.of("shifts-value"), registry.subjects(false));
        assertEquals(List.of("orders-value", "shifts-value"), registry.subjects(true));
        assertRefused(404, 40401, () -> registry.versions("orders-value", false));
        assertEquals(2, registry.schemaById(2).avro().getFields().size());

        assertEquals(List.of(1, 2), registry.deleteSubject("orders-value", true));

        assertEquals(List.of("shifts-value"), registry.subjects(true));
        assertRefused(404, 40403, () -> registry.schemaById(1));
        assertRefused(404, 40401, () -> registry.deleteSubject("orders-value", false));
        assertEquals(1, registry.register("orders-value", Schemas.READING), "a forgotten schema keeps its id");
        assertEquals(List.of(1), registry.versions("orders-value", false));
    }

    @Test
    void aRegisteredAgainSoftDeletedSchemaBecomesANewVersionWithItsOldId() {
        registry.register("orders-value", Schemas.READING);
        registry.deleteSubject("orders-value", false);

        assertEquals(1, registry.register("orders-value", Schemas.READING));
        assertEquals(List.of(2), registry.versions("orders-value", false));
    }

    @Test
    void compatibilityLevelsGlobalAndPerSubject() {
        assertEquals(CompatibilityLevel.BACKWARD, registry.globalLevel());
        assertRefused(404, 40408, () -> registry.subjectLevel("orders-value", false));
        assertEquals(CompatibilityLevel.BACKWARD, registry.subjectLevel("orders-value", true));

        registry.setGlobalLevel(CompatibilityLevel.FORWARD);
        registry.setSubjectLevel("orders-value", CompatibilityLevel.FULL_TRANSITIVE);

        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, registry.subjectLevel("orders-value", false));
        assertEquals(CompatibilityLevel.FORWARD, registry.subjectLevel("shifts-value", true));
        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, registry.deleteSubjectLevel("orders-value"));
        assertRefused(404, 40408, () -> registry.subjectLevel("orders-value", false));
        assertRefused(404, 40401, () -> registry.deleteSubjectLevel("orders-value"));
    }

    @Test
    void testingCompatibilityWritesNothing() {
        registry.register("orders-value", Schemas.READING);
        registry.register("orders-value", Schemas.READING_WITH_UNIT);
        registry.setSubjectLevel("orders-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
        int eventsBefore = log.written().size();

        assertEquals(List.of(), registry.compatibilityWithVersion("orders-value", LATEST, Schemas.READING_UNIT_ONLY));
        assertEquals(1, registry.compatibilityWithVersion("orders-value", 1, Schemas.READING_UNIT_ONLY).size());
        assertEquals(1, registry.compatibilityWithSubject("orders-value", Schemas.READING_UNIT_ONLY).size());
        assertEquals(List.of(), registry.compatibilityWithVersion("new-value", LATEST, Schemas.SHIFT));
        assertRefused(404, 40401, () -> registry.compatibilityWithVersion("new-value", 1, Schemas.SHIFT));
        assertRefused(404, 40402, () -> registry.compatibilityWithVersion("orders-value", 3, Schemas.SHIFT));
        assertRefused(422, 42201, () -> registry.compatibilityWithVersion("orders-value", LATEST, "{}"));
        assertEquals(eventsBefore, log.written().size());
    }

    private static void assertRefused(int httpStatus, int errorCode, Executable call) {
        RegistryException refused = assertThrows(RegistryException.class, call);
        assertEquals(errorCode, refused.errorCode(), refused.getMessage());
        assertEquals(httpStatus, refused.httpStatus(), refused.getMessage());
        assertTrue(!refused.getMessage().isBlank());
    }
}
