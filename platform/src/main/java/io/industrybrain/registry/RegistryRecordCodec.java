package io.industrybrain.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.industrybrain.registry.RegistryEvent.CompatibilityConfigured;
import io.industrybrain.registry.RegistryEvent.SchemaRegistered;
import io.industrybrain.registry.RegistryEvent.VersionDeleted;

/**
 * The registry's records in its topic, key and value as UTF-8 JSON:
 * <pre>
 * {"type":"SCHEMA","subject":s,"version":v,"write":w}  -> {"id":n,"schema":"&lt;canonical Avro&gt;"}
 * {"type":"DELETE","subject":s,"version":v,"write":w}  -> {"permanent":false}
 * {"type":"CONFIG"}                                     -> {"compatibilityLevel":"BACKWARD"}   (global)
 * {"type":"CONFIG","subject":s}                         -> {"compatibilityLevel":"FULL"} or null (removed)
 * </pre>
 * SCHEMA and DELETE keys carry a unique write id, so compaction never drops or moves one of them;
 * CONFIG keys are one per subject, so compaction keeps the latest level only.
 */
final class RegistryRecordCodec {

    /** A record as bytes; {@code value} null is a tombstone. */
    record Record(byte[] key, byte[] value) { }

    private final ObjectMapper json = new ObjectMapper();

    Record encode(RegistryEvent event) {
        ObjectNode key = json.createObjectNode();
        ObjectNode value = json.createObjectNode();
        if (event instanceof SchemaRegistered registered) {
            key.put("type", "SCHEMA").put("subject", registered.subject()).put("version", registered.version())
                    .put("write", registered.writeId());
            value.put("id", registered.id()).put("schema", registered.schema());
        } else if (event instanceof VersionDeleted deleted) {
            key.put("type", "DELETE").put("subject", deleted.subject()).put("version", deleted.version())
                    .put("write", deleted.writeId());
            value.put("permanent", deleted.permanent());
        } else {
            CompatibilityConfigured configured = (CompatibilityConfigured) event;
            key.put("type", "CONFIG");
            if (configured.subject() != null) {
                key.put("subject", configured.subject());
            }
            if (configured.level() == null) {
                return new Record(bytes(key), null);
            }
            value.put("compatibilityLevel", configured.level().name());
        }
        return new Record(bytes(key), bytes(value));
    }

    /**
     * The event a record holds; empty for a record of a type this version does not know, and for a
     * tombstone of a key that has no meaning as one.
     *
     * @throws IllegalArgumentException when the record is not one of ours at all
     */
    Optional<RegistryEvent> decode(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = read(keyBytes);
        JsonNode value = valueBytes == null ? null : read(valueBytes);
        String type = key.path("type").asText();
        if (type.equals("CONFIG")) {
            String subject = key.hasNonNull("subject") ? key.get("subject").asText() : null;
            CompatibilityLevel level = value == null ? null : CompatibilityLevel.valueOf(text(value, "compatibilityLevel"));
            return Optional.of(new CompatibilityConfigured(subject, level));
        }
        if (value == null || !(type.equals("SCHEMA") || type.equals("DELETE"))) {
            return Optional.empty();
        }
        String subject = text(key, "subject");
        int version = key.path("version").asInt();
        String writeId = text(key, "write");
        if (type.equals("SCHEMA")) {
            return Optional.of(new SchemaRegistered(writeId, subject, version, value.path("id").asInt(), text(value, "schema")));
        }
        return Optional.of(new VersionDeleted(writeId, subject, version, value.path("permanent").asBoolean()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode text = node.get(field);
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "' in " + node);
        }
        return text.asText();
    }

    private JsonNode read(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("a registry record needs a key");
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("not JSON: " + unreadable.getMessage(), unreadable);
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
