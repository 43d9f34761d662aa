package io.industrybrain.streams.topology;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Scope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One output topic of MetricRecords split into two views, ENTERPRISE records and roll-ups, each with the
 * reading methods of {@link TestOutputTopic}: a test of one scope reads and checks its records without the
 * other's in between, and each view's {@link View#isEmpty} still says nothing more of its scope came out.
 */
final class MetricOutput {

    private final TestOutputTopic<String, MetricRecord> topic;
    final View enterprises = new View(record -> record.value().getScope() == Scope.ENTERPRISE);
    final View rollups = new View(record -> record.value().getScope() != Scope.ENTERPRISE);

    MetricOutput(TestOutputTopic<String, MetricRecord> topic) {
        this.topic = topic;
    }

    private void drain() {
        for (TestRecord<String, MetricRecord> record : topic.readRecordsToList()) {
            (enterprises.accepts.test(record) ? enterprises : rollups).queue.add(record);
        }
    }

    /** The records of one kind of scope, in the order they were written. */
    final class View {

        private final Predicate<TestRecord<String, MetricRecord>> accepts;
        private final Deque<TestRecord<String, MetricRecord>> queue = new ArrayDeque<>();

        private View(Predicate<TestRecord<String, MetricRecord>> accepts) {
            this.accepts = accepts;
        }

        TestRecord<String, MetricRecord> readRecord() {
            drain();
            if (queue.isEmpty()) {
                throw new NoSuchElementException("no more records");
            }
            return queue.removeFirst();
        }

        MetricRecord readValue() {
            return readRecord().value();
        }

        KeyValue<String, MetricRecord> readKeyValue() {
            TestRecord<String, MetricRecord> record = readRecord();
            return KeyValue.pair(record.key(), record.value());
        }

        List<TestRecord<String, MetricRecord>> readRecordsToList() {
            drain();
            List<TestRecord<String, MetricRecord>> all = new ArrayList<>(queue);
            queue.clear();
            return all;
        }

        List<MetricRecord> readValuesToList() {
            return readRecordsToList().stream().map(TestRecord::value).toList();
        }

        List<KeyValue<String, MetricRecord>> readKeyValuesToList() {
            return readRecordsToList().stream().map(r -> KeyValue.pair(r.key(), r.value())).toList();
        }

        boolean isEmpty() {
            drain();
            return queue.isEmpty();
        }
    }
}
