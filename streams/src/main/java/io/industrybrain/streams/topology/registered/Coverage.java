package io.industrybrain.streams.topology.registered;

import io.industrybrain.schema.MetricRecord;
import io.industrybrain.streams.topology.MetricFormulas;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Sets {@code registeredEnterprises}, {@code registeredAboveScale} and {@code coverage} on every published record:
 * the scope's enterprises in the reference data when the record is published, and the share of them the record is
 * drawn from, so that a quiet hour reads as less coverage, not as a change in the economy.
 */
public final class Coverage implements FixedKeyProcessor<String, MetricRecord, MetricRecord> {

    private final RegisteredEnterprises registered;
    private FixedKeyProcessorContext<String, MetricRecord> context;

    public Coverage(RegisteredEnterprises registered) {
        this.registered = registered;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, MetricRecord> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, MetricRecord> record) {
        // Set in place: each record is made for its one publication and read by nothing else (a copy per record cost
        // more than the look-up).
        MetricRecord metrics = record.value();
        RegisteredEnterprises.Counts counts = registered.of(metrics.getScope(), metrics.getScopeId());
        metrics.setRegisteredEnterprises(counts.enterprises());
        metrics.setRegisteredAboveScale(counts.aboveScale());
        metrics.setCoverage(MetricFormulas.ratio(metrics.getEnterprises(), counts.enterprises()));
        context.forward(record);
    }
}
