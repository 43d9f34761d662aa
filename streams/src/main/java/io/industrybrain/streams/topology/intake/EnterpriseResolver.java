package io.industrybrain.streams.topology.intake;

import io.industrybrain.schema.Enterprise;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Looks an enterprise up in the current reference data (the global enterprise table). */
public final class EnterpriseResolver {

    private final DecodedReferenceTable<Enterprise> decoded;
    private final ReadOnlyKeyValueStore<String, Enterprise> store;

    public EnterpriseResolver(DecodedReferenceTable<Enterprise> decoded, ReadOnlyKeyValueStore<String, Enterprise> store) {
        this.decoded = decoded;
        this.store = store;
    }

    public Optional<Enterprise> resolve(String enterpriseId) {
        Enterprise enterprise = decoded.get(enterpriseId);
        return enterprise != null ? Optional.of(enterprise) : Optional.ofNullable(store.get(enterpriseId));
    }
}
