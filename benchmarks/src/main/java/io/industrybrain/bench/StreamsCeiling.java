package io.industrybrain.bench;

import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerde;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Ceiling (b): the textbook version of the job as a plain Kafka Streams app, with the pipeline's processing
 * guarantee, commit interval and thread count. Each event topic is read with the project's Avro serde, the
 * record timestamp set to the event's eventTime, the events re-keyed by enterpriseId through a repartition
 * topic (Confluent wire format again), and counted per enterprise in tumbling event-time windows of the
 * pipeline's size and grace, in Kafka Streams' default RocksDB window store with its record cache. A record is
 * settled when it reaches the count.
 *
 * <p>With {@code devices} as the last argument (run {@code ceiling-streams-devices}) it also keeps, after the
 * repartition, each device's last seq per window in a logged key-value store, read and written once per sample:
 * the least state a job needs that drops a resent sample and counts a window's NC and cloud devices from their
 * last samples, as the contract asks. It is not the ratio's baseline; it shows what that state costs by itself.
 *
 * <p>Arguments: bootstrap servers, registry URL, topic prefix, application id, state directory, processing
 * guarantee, commit interval in ms (or {@code default}), stream threads, window, grace, progress file, and
 * {@code counts} or {@code devices}.
 */
public final class StreamsCeiling {

    private StreamsCeiling() { }

    public static void main(String[] args) throws InterruptedException {
        SchemaRegistryClient registry = new CachedSchemaRegistryClient(new RestSchemaRegistryClient(args[1]));
        TopicNames topics = new TopicNames(args[2]);
        Duration window = Duration.parse(args[8]);
        Duration grace = Duration.parse(args[9]);
        Path progress = Path.of(args[10]);
        AtomicLong consumed = new AtomicLong();
        AtomicLong settled = new AtomicLong();

        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, IndexedRecord> events = read(builder, topics.telemetry(), registry, MachineTelemetry.class, consumed)
                .merge(read(builder, topics.production(), registry, ProductionOutput.class, consumed))
                .merge(read(builder, topics.shifts(), registry, WorkShift.class, consumed))
                .merge(read(builder, topics.processes(), registry, ProcessHeartbeat.class, consumed));
        Serde<IndexedRecord> anyEvent = Serdes.serdeFrom(new AvroSerializer<>(registry, true), new AvroDeserializer<>(registry, null));
        KStream<String, IndexedRecord> byEnterprise = events
                .selectKey((key, event) -> event.get(event.getSchema().getField("enterpriseId").pos()).toString(), Named.as("by-enterprise-key"))
                .repartition(Repartitioned.with(Serdes.String(), anyEvent).withName("by-enterprise"));
        if (args[11].equals("devices")) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("device-last-seq"), Serdes.String(), Serdes.Long()));
            byEnterprise = byEnterprise.processValues(() -> new DeviceLastSeq(window), Named.as("device-last-seq"), "device-last-seq");
        }
        byEnterprise.peek((key, event) -> settled.incrementAndGet(), Named.as("settled"))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(window, grace))
                .count(Materialized.as("counts"));

        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[3]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[4]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, args[5]);
        if (!args[6].equals("default")) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.parseLong(args[6]));
        }
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(args[7]));
        allowEveryEventType(args[1], args[3] + "-by-enterprise-repartition-value");
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
        streams.start();
        while (true) {
            ProgressFile.write(progress, consumed.get(), settled.get());
            Thread.sleep(50);
        }
    }

    /**
     * The repartition topic carries all four event types under one subject, as a textbook app written with
     * Confluent's serde would: the subject's compatibility must then be NONE.
     */
    private static void allowEveryEventType(String registryUrl, String subject) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registryUrl + "/config/" + subject))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"NONE\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("registry refused compatibility NONE for " + subject + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T extends SpecificRecord> KStream<String, IndexedRecord> read(StreamsBuilder builder, String topic,
            SchemaRegistryClient registry, Class<T> type, AtomicLong consumed) {
        return builder.stream(topic, Consumed.with(Serdes.String(), new AvroSerde<>(registry, type, false)))
                .processValues(() -> new EventTimeStamp<T>(consumed), Named.as("event-time-" + topic));
    }

    /** Keeps each device's last seq in its window, the least per-device state the contract's job needs. */
    private static final class DeviceLastSeq implements FixedKeyProcessor<String, IndexedRecord, IndexedRecord> {
        private final long windowMs;
        private FixedKeyProcessorContext<String, IndexedRecord> context;
        private KeyValueStore<String, Long> lastSeq;

        DeviceLastSeq(Duration window) {
            this.windowMs = window.toMillis();
        }

        @Override
        public void init(FixedKeyProcessorContext<String, IndexedRecord> context) {
            this.context = context;
            this.lastSeq = context.getStateStore("device-last-seq");
        }

        @Override
        public void process(FixedKeyRecord<String, IndexedRecord> record) {
            IndexedRecord event = record.value();
            if (event.getSchema().getFullName().equals(MachineTelemetry.getClassSchema().getFullName())) {
                String key = record.timestamp() / windowMs + "|" + record.key() + "|" + event.get(event.getSchema().getField("deviceId").pos());
                long seq = (Long) event.get(event.getSchema().getField("seq").pos());
                Long last = lastSeq.get(key);
                if (last == null || seq > last) {
                    lastSeq.put(key, seq);
                }
            }
            context.forward(record);
        }
    }

    /** Stamps each record with its eventTime, so that windows are by event time. */
    private static final class EventTimeStamp<T extends SpecificRecord> implements FixedKeyProcessor<String, T, IndexedRecord> {
        private final AtomicLong consumed;
        private FixedKeyProcessorContext<String, IndexedRecord> context;

        EventTimeStamp(AtomicLong consumed) {
            this.consumed = consumed;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, IndexedRecord> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, T> record) {
            consumed.incrementAndGet();
            Instant eventTime = (Instant) record.value().get(record.value().getSchema().getField("eventTime").pos());
            context.forward(record.<IndexedRecord>withValue(record.value()).withTimestamp(eventTime.toEpochMilli()));
        }
    }
}
