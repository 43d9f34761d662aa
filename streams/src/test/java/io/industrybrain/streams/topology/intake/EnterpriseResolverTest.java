package io.industrybrain.streams.topology.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.streams.topology.InternalAvroSerde;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class EnterpriseResolverTest {

    private final DecodedReferenceTable<Enterprise> decoded = new DecodedReferenceTable<>();
    private final KeyValueStore<String, Enterprise> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("enterprises"),
            Serdes.String(), InternalAvroSerde.of(Enterprise.class)).withLoggingDisabled().build();
    private final EnterpriseResolver resolver = new EnterpriseResolver(decoded, store);

    EnterpriseResolverTest() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void theDecodedValueIsTheOneTheUpdaterApplied() {
        Enterprise applied = Events.enterprise("E1", "IC", "HZ", true, 100);
        store.put("E1", applied);
        decoded.applied("E1", applied);

        assertEquals(Optional.of(applied), resolver.resolve("E1"));
    }

    @Test
    void aKeyTheDecodedTableLacksIsLookedUpInTheStore() {
        Enterprise inTheStoreOnly = Events.enterprise("E2", "SW", "NB", false, 12);
        store.put("E2", inTheStoreOnly);

        assertEquals(Optional.of(inTheStoreOnly), resolver.resolve("E2"));
    }

    @Test
    void aRemovedEnterpriseIsUnknown() {
        Enterprise applied = Events.enterprise("E3", "IC", "WZ", true, 50);
        decoded.applied("E3", applied);
        decoded.removed("E3");

        assertEquals(Optional.empty(), resolver.resolve("E3"));
    }
}
