package io.industrybrain.app.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.industrybrain.schema.MetricRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A MetricRecord as the query API shows it: every field under its Avro name, timestamps as ISO-8601
 * strings, maps as objects, nulls as null. Built from the schema, so a field added to the contract
 * shows up without a change here.
 */
final class MetricRecordJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MetricRecordJson() { }

    static ObjectNode of(MetricRecord record) {
        ObjectNode node = JSON.objectNode();
        for (Schema.Field field : MetricRecord.getClassSchema().getFields()) {
            put(node, field.name(), record.get(field.pos()));
        }
        return node;
    }

    /** Puts one Avro value: the types MetricRecord and MetricTarget hold. */
    static void put(ObjectNode node, String name, Object value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof Double d) {
            // JSON has no NaN or infinity; the contract already makes such ratios null.
            if (d.isNaN() || d.isInfinite()) {
                node.putNull(name);
            } else {
                node.put(name, d);
            }
        } else if (value instanceof Long l) {
            node.put(name, l);
        } else if (value instanceof Integer i) {
            node.put(name, i);
        } else if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = node.putObject(name);
            map.forEach((key, v) -> put(object, key.toString(), v));
        } else if (value instanceof Instant || value instanceof LocalDate || value instanceof Enum<?> || value instanceof CharSequence) {
            node.put(name, value.toString());
        } else {
            throw new IllegalArgumentException("no JSON form for " + name + " of type " + value.getClass().getName());
        }
    }
}
