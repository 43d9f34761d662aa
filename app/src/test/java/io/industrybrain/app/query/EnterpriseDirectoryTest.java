package io.industrybrain.app.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.streams.topology.Events;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chains' enterprises follow brain.enterprises as the topology applies it. */
class EnterpriseDirectoryTest {

    private final EnterpriseDirectory directory = new EnterpriseDirectory();

    @Test
    void aMoveTakesTheEnterpriseOutOfItsOldChainAndATombstoneOutOfEvery() {
        directory.apply("E1", Events.enterprise("E1", "IC", "HZ", true, 100));
        directory.apply("E2", Events.enterprise("E2", "IC", "NB", true, 100));
        directory.apply("E1", Events.enterprise("E1", "SW", "HZ", true, 100));

        assertEquals(Set.of("E2"), directory.enterprisesOf("IC"));
        assertEquals(Set.of("E1"), directory.enterprisesOf("SW"));

        directory.apply("E1", null);
        assertEquals(Set.of(), directory.enterprisesOf("SW"));
        assertEquals(Optional.empty(), directory.enterprise("E1"));
    }

    @Test
    void anInvalidRecordIsNotAppliedAndTheLastValidOneStays() {
        directory.apply("E1", Events.enterprise("E1", "IC", "HZ", true, 100));
        directory.apply("E1", Events.enterprise("E1", "SW", "HZ", true, 0));
        directory.apply("E9", Events.enterprise("E8", "SW", "HZ", true, 100));

        assertEquals(Set.of("E1"), directory.enterprisesOf("IC"));
        assertEquals(Set.of(), directory.enterprisesOf("SW"), "employees 0, and a key that is not the enterpriseId");
        assertEquals(100, directory.enterprise("E1").orElseThrow().getEmployees());
    }
}
