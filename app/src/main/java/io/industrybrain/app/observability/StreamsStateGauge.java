package io.industrybrain.app.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code brain_streams_state{state}}: 1 for the Kafka Streams client's current state, 0 for every
 * other, so that an alert can say "not RUNNING for 5 minutes" without parsing a string.
 */
final class StreamsStateGauge implements MeterBinder {

    private final KafkaStreams streams;

    StreamsStateGauge(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder("brain.streams.state", streams, s -> s.state() == state ? 1 : 0)
                    .description("1 for the current state of the Kafka Streams client, 0 for the others")
                    .tag("state", state.name())
                    .strongReference(true)
                    .register(registry);
        }
    }
}
