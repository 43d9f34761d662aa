package io.industrybrain.serde;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The configuration keys the serializers understand when Kafka (a producer, a consumer, Connect)
 * instantiates them from properties. The names are Confluent's, so existing configs carry over.
 */
public final class SerdeConfig {
    /** One URL or a comma-separated list of the registry. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Whether the serializer registers a schema it has not seen (default true) or only looks it up. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    private SerdeConfig() { }

    static SchemaRegistryClient clientFrom(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, "the Avro serde needs the schema registry's URL");
        }
        return new CachedSchemaRegistryClient(new RestSchemaRegistryClient(url.toString()));
    }

    static boolean autoRegister(Map<String, ?> configs) {
        Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        return value == null || Boolean.parseBoolean(value.toString());
    }
}
