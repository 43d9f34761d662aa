package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.industrybrain.schema.MetricRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/** Field-by-field checks of MetricRecords against values computed by hand. */
final class MetricAssertions {

    private MetricAssertions() { }

    /** Field name, expected value, field name, expected value, ...; null expects null. */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** Every named field has its expected value: numbers compared as doubles to a relative 1e-9. */
    static void assertFields(MetricRecord record, Map<String, Object> expected) {
        expected.forEach((field, value) -> {
            Object actual = record.get(field);
            String what = record.getScope() + ":" + record.getScopeId() + " " + field;
            if (value == null) {
                assertNull(actual, what);
            } else if (value instanceof Number number) {
                assertNotNull(actual, what);
                double want = number.doubleValue();
                assertEquals(want, ((Number) actual).doubleValue(), 1e-9 * Math.max(1.0, Math.abs(want)), what);
            } else {
                assertEquals(value, actual, what);
            }
        });
    }

    /** The fields that differ between two records, as field -> [before, after]; revision and emittedAt aside. */
    static Map<String, Object[]> differences(MetricRecord before, MetricRecord after) {
        Map<String, Object[]> differences = new LinkedHashMap<>();
        for (Schema.Field field : MetricRecord.getClassSchema().getFields()) {
            String name = field.name();
            if (name.equals("revision") || name.equals("emittedAt")) {
                continue;
            }
            Object a = before.get(name);
            Object b = after.get(name);
            if (!Objects.equals(a, b)) {
                differences.put(name, new Object[] {a, b});
            }
        }
        return differences;
    }
}
