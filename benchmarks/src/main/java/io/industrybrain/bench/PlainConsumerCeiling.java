package io.industrybrain.bench;

import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.topics.TopicNames;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ceiling (a): the least any consumer of these topics has to do. One consumer reads the four event topics,
 * decodes each value with the project's serde, produces one small record per input (enterpriseId -> eventTime)
 * and commits at least once: after each poll's records are acknowledged. A record is settled once its output
 * is acknowledged.
 *
 * <p>Arguments: bootstrap servers, registry URL, topic prefix, consumer group, progress file.
 */
public final class PlainConsumerCeiling {

    private PlainConsumerCeiling() { }

    public static void main(String[] args) {
        String bootstrap = args[0];
        SchemaRegistryClient registry = new CachedSchemaRegistryClient(new RestSchemaRegistryClient(args[1]));
        TopicNames topics = new TopicNames(args[2]);
        Path progress = Path.of(args[4]);
        Map<String, AvroDeserializer<? extends SpecificRecord>> decoders = Map.of(
                topics.telemetry(), new AvroDeserializer<>(registry, MachineTelemetry.class),
                topics.production(), new AvroDeserializer<>(registry, ProductionOutput.class),
                topics.shifts(), new AvroDeserializer<>(registry, WorkShift.class),
                topics.processes(), new AvroDeserializer<>(registry, ProcessHeartbeat.class));
        String output = topics.prefix() + "bench.ceiling-out";
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.GROUP_ID_CONFIG, args[3],
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                     ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000), new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.LINGER_MS_CONFIG, 5,
                     ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(topics.eventTopics());
            long consumed = 0;
            long settled = 0;
            long lastReport = 0;
            while (true) {
                int polled = 0;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    SpecificRecord event = decoders.get(record.topic()).deserialize(record.topic(), record.value());
                    String enterprise = event.get(event.getSchema().getField("enterpriseId").pos()).toString();
                    long eventTime = ((java.time.Instant) event.get(event.getSchema().getField("eventTime").pos())).toEpochMilli();
                    producer.send(new ProducerRecord<>(output, enterprise, ByteBuffer.allocate(8).putLong(eventTime).array()));
                    polled++;
                }
                consumed += polled;
                if (polled > 0) {
                    producer.flush();
                    consumer.commitSync();
                    settled += polled;
                }
                if (System.nanoTime() - lastReport > 50_000_000L) {
                    ProgressFile.write(progress, consumed, settled);
                    lastReport = System.nanoTime();
                }
            }
        }
    }
}
