package io.industrybrain.bench;

import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.simulator.KafkaEventSink;
import io.industrybrain.simulator.Simulator;
import io.industrybrain.simulator.SimulatorSettings;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A fixed, seeded event set on its own topics ({@code bench-<shape>.brain.*}), published completely before
 * anything consumes it, so that every run reads the same backlog from a cold start. The simulator runs against
 * a clock stopped at the preload's start: it generates exactly {@code eventTime} of backfill and nothing after.
 * A data set already on the broker with the same shape and span is reused (its manifest in the work directory).
 *
 * @param events records on the four event topics, counted from their end offsets
 */
record Dataset(BenchOptions.Shape shape, TopicNames topics, Duration eventTime, Instant end, long events) {

    static Dataset preload(BenchOptions.Shape shape, String prefix, Duration eventTime, int partitions, String bootstrap,
                           SchemaRegistryClient registry, Path workDir, Admin admin) {
        TopicNames topics = new TopicNames(prefix);
        Path manifest = workDir.resolve("datasets").resolve(prefix + "properties");
        Properties saved = read(manifest);
        String wanted = shape.enterprises() + "x" + shape.devicesPerEnterprise() + "/" + eventTime;
        if (wanted.equals(saved.getProperty("shape"))) {
            long events = eventRecords(admin, topics);
            if (Long.toString(events).equals(saved.getProperty("events"))) {
                System.out.printf("reusing data set %s: %,d events (%s)%n", prefix, events, wanted);
                return new Dataset(shape, topics, eventTime, Instant.parse(saved.getProperty("end")), events);
            }
        }
        BenchAdmin.deleteTopics(admin, BenchAdmin.names(topics));
        TopicCreator.ensureTopics(admin, topics.all(), partitions);
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withEnterprises(shape.enterprises())
                .withDevicesPerEnterprise(shape.devicesPerEnterprise())
                .withRatePerSecond(Double.POSITIVE_INFINITY)
                .withBackfill(eventTime);
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaEventSink.producerConfig(bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            KafkaEventSink sink = new KafkaEventSink(producer, new AvroSerializer<SpecificRecord>(registry, true), topics);
            Simulator simulator = new Simulator(settings, Clock.fixed(end, ZoneOffset.UTC), sink);
            while (simulator.emitDue() > 0) {
                // a stopped clock: once the backfill is generated, nothing more is due
            }
            simulator.drain();
            if (sink.sendFailures() > 0) {
                throw new IllegalStateException(sink.sendFailures() + " records of " + prefix + " could not be sent");
            }
        }
        long events = eventRecords(admin, topics);
        System.out.printf("preloaded %s: %,d events of %s, %s of event time, in %.0f s%n", prefix, events, wanted,
                eventTime, (System.nanoTime() - started) / 1e9);
        Properties written = new Properties();
        written.setProperty("shape", wanted);
        written.setProperty("events", Long.toString(events));
        written.setProperty("end", end.toString());
        write(manifest, written);
        return new Dataset(shape, topics, eventTime, end, events);
    }

    static long eventRecords(Admin admin, TopicNames topics) {
        return endOffsets(admin, topics.eventTopics()).values().stream().mapToLong(Long::longValue).sum();
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topicNames) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topicNames) {
                if (!admin.listTopics().names().get().contains(topic)) {
                    continue;
                }
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets of " + topicNames, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.isReadable(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static void write(Path file, Properties properties) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "a preloaded benchmark data set");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
