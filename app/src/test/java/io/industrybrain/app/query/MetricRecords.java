package io.industrybrain.app.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import java.time.Duration;
import java.time.Instant;

/** MetricRecords for tests: the required fields set, the rest null or empty. */
public final class MetricRecords {

    private MetricRecords() { }

    /** A record of the 1-hour window starting at {@code windowStart}. */
    public static MetricRecord.Builder record(Scope scope, String scopeId, String windowStart, long revision, boolean isFinal,
                                              String emittedAt) {
        Instant start = Instant.parse(windowStart);
        return MetricRecord.newBuilder()
                .setScope(scope)
                .setScopeId(scopeId)
                .setWindowStart(start)
                .setWindowEnd(start.plus(Duration.ofHours(1)))
                .setEnterprises(1)
                .setRevision(revision)
                .setFinal$(isFinal)
                .setEmittedAt(Instant.parse(emittedAt));
    }

    /** A record as the query API answers it, to compare an answer with what a topic holds. */
    public static ObjectNode json(MetricRecord record) {
        return MetricRecordJson.of(record);
    }
}
