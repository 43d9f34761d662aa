package io.industrybrain.app;

import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.simulator.KafkaEventSink;
import io.industrybrain.simulator.Simulator;
import io.industrybrain.simulator.SimulatorRunner;
import io.industrybrain.simulator.SimulatorSettings;
import io.industrybrain.topics.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    /** Saves the progress as it goes, when asked to; null otherwise. */
    private ScheduledExecutorService saver;
    private SimulationProgress progress;

    private FleetSimulation(KafkaProducer<String, byte[]> producer, KafkaEventSink sink, Simulator simulator) {
        this.producer = producer;
        this.sink = sink;
        this.simulator = simulator;
        this.runner = new SimulatorRunner(simulator);
    }

    static FleetSimulation start(SimulatorSettings settings, KafkaClientSettings clients, SchemaRegistryClient registry,
                                 TopicNames topics, Clock clock) {
        return start(settings, clients, registry, topics, clock, Instant.EPOCH);
    }

    /** As {@link #start(SimulatorSettings, KafkaClientSettings, SchemaRegistryClient, TopicNames, Clock)}, sending no event before {@code from}. */
    static FleetSimulation start(SimulatorSettings settings, KafkaClientSettings clients, SchemaRegistryClient registry,
                                 TopicNames topics, Clock clock, Instant from) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clients.forProducer(KafkaEventSink.producerSettings()),
                new StringSerializer(), new ByteArraySerializer());
        try {
            AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registry, true);
            KafkaEventSink sink = new KafkaEventSink(producer, serializer, topics);
            Simulator simulator = new Simulator(settings, clock, new EventsFrom(sink, from));
            FleetSimulation simulation = new FleetSimulation(producer, sink, simulator);
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

    /**
     * Saves how far the simulation has got every {@code every}, so that a restart after a crash sends again only
     * what the last {@code every} generated: a time is saved only once every record generated up to it has
     * been delivered. On {@link #close()} the last time is saved too.
     */
    void keepProgress(SimulationProgress progress, Duration every) {
        this.progress = progress;
        saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "brain-simulator-progress");
            thread.setDaemon(true);
            return thread;
        });
        saver.scheduleWithFixedDelay(() -> {
            Instant reached = simulator.simulatedTime();
            producer.flush();
            progress.save(reached);
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops generating, sends what faults still hold back, flushes and closes the producer, saves the progress. */
    @Override
    public void close() {
        if (saver != null) {
            saver.shutdownNow();
        }
        runner.close();
        producer.close();
        if (progress != null) {
            progress.save(simulator.simulatedTime());
        }
    }
}
