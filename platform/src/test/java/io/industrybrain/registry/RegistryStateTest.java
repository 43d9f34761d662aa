package io.industrybrain.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.industrybrain.registry.RegistryEvent.CompatibilityConfigured;
import io.industrybrain.registry.RegistryEvent.SchemaRegistered;
import io.industrybrain.registry.RegistryEvent.VersionDeleted;
import org.junit.jupiter.api.Test;

class RegistryStateTest {

    private final RegistryState state = new RegistryState();

    @Test
    void versionsFollowEachOtherWithoutGapsAndTheFirstClaimOfASlotWins() {
        assertTrue(state.apply(registered("a", "orders", 1, 1, Schemas.READING)));

        assertFalse(state.apply(registered("b", "orders", 1, 2, Schemas.SHIFT)), "slot 1 is taken");
        assertFalse(state.apply(registered("c", "orders", 3, 2, Schemas.SHIFT)), "version 2 comes first");
        assertTrue(state.apply(registered("d", "orders", 2, 2, Schemas.READING_WITH_UNIT)));

        assertEquals(List.of("a", "d"), state.versions("orders", false).stream().map(SubjectVersion::writeId).toList());
        assertEquals(3, state.nextVersion("orders"));
        assertEquals(3, state.nextId());
    }

    @Test
    void oneSchemaHasOneIdAcrossSubjectsAndAnIdNeverNamesTwoSchemas() {
        assertTrue(state.apply(registered("a", "orders", 1, 1, Schemas.READING)));

        assertFalse(state.apply(registered("b", "shifts", 1, 1, Schemas.SHIFT)), "id 1 belongs to READING");
        assertFalse(state.apply(registered("c", "readings", 1, 7, Schemas.READING)), "READING already has id 1");
        assertTrue(state.apply(registered("d", "readings", 1, 1, Schemas.READING)));
        assertTrue(state.apply(registered("e", "shifts", 1, 2, Schemas.SHIFT)));

        assertEquals(OptionalInt.of(1), state.idOf(CanonicalSchema.parse(Schemas.READING)));
        assertEquals(List.of("orders", "readings"),
                state.versionsWithId(1, false).stream().map(SubjectVersion::subject).toList());
        assertEquals(Optional.of(CanonicalSchema.parse(Schemas.SHIFT).canonical()),
                state.schemaById(2).map(CanonicalSchema::canonical));
    }

    @Test
    void aSchemaIsLiveOnceInASubjectAndMayComeBackAfterASoftDelete() {
        state.apply(registered("a", "orders", 1, 1, Schemas.READING));

        assertFalse(state.apply(registered("b", "orders", 2, 1, Schemas.READING)), "already live as version 1");
        assertTrue(state.apply(new VersionDeleted("c", "orders", 1, false)));
        assertTrue(state.apply(registered("d", "orders", 2, 1, Schemas.READING)));

        assertEquals(List.of(2), state.versions("orders", false).stream().map(SubjectVersion::version).toList());
        assertEquals(List.of(1, 2), state.versions("orders", true).stream().map(SubjectVersion::version).toList());
    }

    @Test
    void aPermanentDeleteNeedsASoftDeleteFirstAndForgetsTheVersion() {
        state.apply(registered("a", "orders", 1, 1, Schemas.READING));

        assertFalse(state.apply(new VersionDeleted("b", "orders", 1, true)), "not soft-deleted yet");
        assertTrue(state.apply(new VersionDeleted("c", "orders", 1, false)));
        assertFalse(state.apply(new VersionDeleted("d", "orders", 1, false)), "already soft-deleted");
        assertTrue(state.schemaById(1).isPresent(), "a soft-deleted version keeps its id resolvable");
        assertTrue(state.apply(new VersionDeleted("e", "orders", 1, true)));

        assertEquals(List.of(), state.subjects(true));
        assertEquals(Optional.empty(), state.schemaById(1));
        assertEquals(OptionalInt.of(1), state.idOf(CanonicalSchema.parse(Schemas.READING)), "the id is not given away");
        assertEquals(2, state.nextId());
        assertEquals(1, state.nextVersion("orders"));
    }

    @Test
    void subjectsWithOnlySoftDeletedVersionsAreListedOnlyOnRequest() {
        state.apply(registered("a", "orders", 1, 1, Schemas.READING));
        state.apply(registered("b", "shifts", 1, 2, Schemas.SHIFT));
        state.apply(new VersionDeleted("c", "orders", 1, false));

        assertEquals(List.of("shifts"), state.subjects(false));
        assertEquals(List.of("orders", "shifts"), state.subjects(true));
    }

    @Test
    void aSubjectLevelOverridesTheGlobalOneUntilRemoved() {
        assertEquals(CompatibilityLevel.BACKWARD, state.effectiveLevel("orders"));

        state.apply(new CompatibilityConfigured(null, CompatibilityLevel.FULL));
        state.apply(new CompatibilityConfigured("orders", CompatibilityLevel.NONE));
        assertEquals(CompatibilityLevel.NONE, state.effectiveLevel("orders"));
        assertEquals(CompatibilityLevel.FULL, state.effectiveLevel("shifts"));

        state.apply(new CompatibilityConfigured("orders", null));
        assertEquals(CompatibilityLevel.FULL, state.effectiveLevel("orders"));
        assertEquals(Optional.empty(), state.subjectLevel("orders"));
    }

    @Test
    void anUnparsableSchemaInTheLogIsRefused() {
        assertFalse(state.apply(registered("a", "orders", 1, 1, "{not avro")));
        assertEquals(1, state.nextId());
    }

    private static SchemaRegistered registered(String writeId, String subject, int version, int id, String schema) {
        return new SchemaRegistered(writeId, subject, version, id, schema);
    }
}
