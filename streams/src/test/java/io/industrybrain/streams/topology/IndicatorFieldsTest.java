package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.schema.MetricRecord;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The indicator list follows the schema: a new numeric field of MetricRecord must be classified here. */
class IndicatorFieldsTest {

    /** Counts that say how complete a record is, and of what share of its scope: kept on a suppressed record. */
    private static final Set<String> COMPLETENESS_COUNTS = Set.of("revision", "lateEventsInGrace", "duplicatesDropped",
            "registeredEnterprises", "registeredAboveScale", "coverage");

    @Test
    void theIndicatorsAreTheNumericFieldsOfMetricRecordButTheCompletenessCounts() {
        List<String> numeric = MetricRecord.getClassSchema().getFields().stream()
                .filter(field -> isPlainNumber(field.schema()))
                .map(Schema.Field::name)
                .filter(name -> !COMPLETENESS_COUNTS.contains(name))
                .toList();
        assertEquals(numeric, IndicatorFields.ALL);
    }

    /** long or double, nullable or not, without a logical type (timestamps are not indicators). */
    private static boolean isPlainNumber(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().anyMatch(IndicatorFieldsTest::isPlainNumber);
        }
        return (schema.getType() == Schema.Type.LONG || schema.getType() == Schema.Type.DOUBLE) && schema.getLogicalType() == null;
    }
}
