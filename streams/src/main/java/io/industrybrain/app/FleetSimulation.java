package io.industrybrain.app;

import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.simulator.KafkaEventSink;
import io.industrybrain.simulator.Simulator;
import io.industrybrain.simulator.SimulatorRunner;
import io.industrybrain.simulator.SimulatorSettings;
import io.industrybrain.topics.TopicNames;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A simulated fleet publishing to Kafka on its own thread, with the project's serializer and one
 * batching producer: what {@code ./brain} runs in-process and {@code ./brain simulate} runs against
 * any cluster.
 */
final class FleetSimulation implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaEventSink sink;
    private final Simulator simulator;
    private final SimulatorRunner runner;

    private FleetSimulation(KafkaProducer<String, byte[]> producer, KafkaEventSink sink, Simulator simulator) {
        this.producer = producer;
        this.sink = sink;
        this.simulator = simulator;
        this.runner = new SimulatorRunner(simulator);
    }

    static FleetSimulation start(SimulatorSettings settings, String bootstrapServers, SchemaRegistryClient registry,
                                 TopicNames topics, Clock clock) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaEventSink.producerConfig(bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
        try {
            AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registry, true);
            KafkaEventSink sink = new KafkaEventSink(producer, serializer, topics);
            FleetSimulation simulation = new FleetSimulation(producer, sink, new Simulator(settings, clock, sink));
            simulation.runner.start();
            return simulation;
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
    }

    Simulator simulator() { return simulator; }

    /** Records the producer could not deliver (each logged by the sink). */
    long sendFailures() { return sink.sendFailures(); }

    /** Why the simulation stopped early, or null while it runs. */
    RuntimeException failure() { return runner.failure(); }

    /** Stops generating, sends what faults still hold back, flushes and closes the producer. */
    @Override
    public void close() {
        runner.close();
        producer.close();
    }
}
