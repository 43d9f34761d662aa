package io.industrybrain.streams.topology.intake;

import io.industrybrain.schema.Enterprise;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Looks an enterprise up in the current reference data (the global enterprise table). */
public final class EnterpriseResolver {

    private final ReadOnlyKeyValueStore<String, Enterprise> enterprises;

    public EnterpriseResolver(ReadOnlyKeyValueStore<String, Enterprise> enterprises) {
        this.enterprises = enterprises;
    }

    public Optional<Enterprise> resolve(String enterpriseId) {
        return Optional.ofNullable(enterprises.get(enterpriseId));
    }
}
