package io.industrybrain.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads a gateway's JSON object into a Struct of one of the contract's records, guided by the
 * record's Avro schema: one JSON property per field, same name. Strings are JSON strings; int and
 * long fields JSON integers within range; double fields any JSON number; booleans JSON booleans;
 * enums the symbol as a string; timestamp-millis either epoch milliseconds (an integer) or an
 * ISO-8601 date-time with an offset ({@code 2026-03-01T10:05:00Z}, {@code 2026-03-01T10:05:00+08:00}).
 * Optional fields may be absent or null. Properties the schema does not know are ignored, so a
 * gateway may send more than this version reads.
 *
 * <p>Only what cannot be represented fails ({@link UnmappablePayloadException}); a negative count or
 * an eventTime in the future maps fine and is the pipeline's to judge.
 */
final class JsonPayloads {

    private static final int MAX_QUOTED = 80;
    // Duplicate properties and trailing garbage make a payload ambiguous: refuse rather than guess.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonPayloads() { }

    /**
     * @param idsFromTopic ids the MQTT topic carries (field name to value): a payload may leave
     *     them out, and must not contradict them
     */
    static Struct read(byte[] payload, org.apache.avro.Schema record, Map<String, String> idsFromTopic) {
        JsonNode root = parse(payload);
        Struct struct = new Struct(AvroStructs.connectSchema(record));
        for (org.apache.avro.Schema.Field field : record.getFields()) {
            JsonNode node = root.get(field.name());
            boolean absent = node == null || node.isNull();
            String fromTopic = idsFromTopic.get(field.name());
            if (fromTopic != null) {
                if (!absent && !(node.isTextual() && fromTopic.equals(node.textValue()))) {
                    throw new UnmappablePayloadException(field.name() + " " + quote(node) + " in the payload contradicts '"
                            + fromTopic + "' in the MQTT topic");
                }
                struct.put(field.name(), fromTopic);
            } else if (absent) {
                if (!field.schema().isNullable()) {
                    throw new UnmappablePayloadException(record.getName() + " needs field " + field.name() + ", which is "
                            + (node == null ? "missing" : "null"));
                }
            } else {
                struct.put(field.name(), value(record, field, AvroStructs.nonNull(field.schema()), node));
            }
        }
        return struct;
    }

    private static JsonNode parse(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new UnmappablePayloadException("payload is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnmappablePayloadException("payload is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new UnmappablePayloadException("payload is not a JSON object: "
                    + (root == null || root.isMissingNode() ? "empty" : quote(root)));
        }
        return root;
    }

    private static Object value(org.apache.avro.Schema record, org.apache.avro.Schema.Field field,
                                org.apache.avro.Schema type, JsonNode node) {
        return switch (type.getType()) {
            case STRING -> {
                require(node.isTextual(), record, field, "a JSON string", node);
                yield node.textValue();
            }
            case ENUM -> {
                require(node.isTextual() && type.hasEnumSymbol(node.textValue()), record, field,
                        "one of " + type.getEnumSymbols(), node);
                yield node.textValue();
            }
            case INT -> {
                require(node.isIntegralNumber() && node.canConvertToInt(), record, field, "a JSON integer within int range", node);
                yield node.intValue();
            }
            case LONG -> AvroStructs.isTimestamp(type) ? timestamp(record, field, node) : longValue(record, field, node);
            case DOUBLE -> {
                require(node.isNumber(), record, field, "a JSON number", node);
                yield node.doubleValue();
            }
            case BOOLEAN -> {
                require(node.isBoolean(), record, field, "true or false", node);
                yield node.booleanValue();
            }
            default -> throw new IllegalStateException("AvroStructs refuses Avro type " + type.getType() + " already");
        };
    }

    private static long longValue(org.apache.avro.Schema record, org.apache.avro.Schema.Field field, JsonNode node) {
        require(node.isIntegralNumber() && node.canConvertToLong(), record, field, "a JSON integer within long range", node);
        return node.longValue();
    }

    private static Date timestamp(org.apache.avro.Schema record, org.apache.avro.Schema.Field field, JsonNode node) {
        if (node.isTextual()) {
            try {
                return Date.from(OffsetDateTime.parse(node.textValue()).toInstant());
            } catch (DateTimeParseException e) {
                // falls through to the message below
            }
        }
        require(node.isIntegralNumber() && node.canConvertToLong(), record, field,
                "epoch milliseconds or an ISO-8601 date-time with offset such as 2026-03-01T10:05:00+08:00", node);
        return new Date(node.longValue());
    }

    private static void require(boolean holds, org.apache.avro.Schema record, org.apache.avro.Schema.Field field,
                                String expected, JsonNode actual) {
        if (!holds) {
            throw new UnmappablePayloadException(record.getName() + "." + field.name() + " must be " + expected
                    + ", was " + quote(actual));
        }
    }

    private static String quote(JsonNode node) {
        String text = node.toString();
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
