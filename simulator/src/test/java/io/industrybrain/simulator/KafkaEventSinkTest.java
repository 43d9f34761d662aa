package io.industrybrain.simulator;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.topics.TopicNames;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaEventSinkTest {

    private static final Instant TIME = Instant.parse("2026-03-02T08:00:00Z");
    /** Stands in for the Avro serializer: the topic it was asked for and the record's id. */
    private static final Serializer<SpecificRecord> SERIALIZER =
            (topic, record) -> (topic + "|" + record.get(0)).getBytes(StandardCharsets.UTF_8);

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final KafkaEventSink sink = new KafkaEventSink(producer, SERIALIZER, new TopicNames("test."));

    @Test
    void eachRecordGoesToItsTopicUnderItsContractKey() {
        sink.enterprise(new Enterprise("E1", "Hongda", "HZ", "TEXTILES", true, 100, TIME));
        sink.telemetry(new MachineTelemetry("E1-M0001", "E1", "E1-L01", 4L, TIME, 60, MachineState.RUNNING, 5, 0, 1.5,
                true, false, "E1-GW"));
        sink.production(new ProductionOutput("E1-L01-B1", "E1", "E1-L01", "TEX-1", 10L, 100.0, 20.0, TIME));
        sink.shift(new WorkShift("E1-S1", "E1", 20, 8.0, TIME));
        sink.heartbeat(new ProcessHeartbeat("E1", KeyProcess.FINANCE, "ERP", Hosting.PUBLIC_CLOUD, true, TIME));

        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertEquals(List.of("test.brain.enterprises", "test.brain.telemetry", "test.brain.production",
                "test.brain.shifts", "test.brain.processes"), sent.stream().map(ProducerRecord::topic).toList());
        assertEquals(List.of("E1", "E1-M0001", "E1", "E1", "E1"), sent.stream().map(ProducerRecord::key).toList());
        assertEquals(List.of("test.brain.enterprises|E1", "test.brain.telemetry|E1-M0001",
                        "test.brain.production|E1-L01-B1", "test.brain.shifts|E1-S1", "test.brain.processes|E1"),
                sent.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
        assertTrue(sent.stream().allMatch(r -> r.timestamp() == null), "the producer stamps the send time");
    }

    @Test
    void rawBytesGoOutUntouched() {
        byte[] garbage = {0, 0, 0};
        sink.raw(EventTopic.SHIFTS, "E1", garbage);

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertEquals("test.brain.shifts", sent.topic());
        assertEquals("E1", sent.key());
        assertArrayEquals(garbage, sent.value());
    }

    @Test
    void failedSendsAreCounted() {
        MockProducer<String, byte[]> failing =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        KafkaEventSink failingSink = new KafkaEventSink(failing, SERIALIZER, new TopicNames(""));
        failingSink.shift(new WorkShift("E1-S1", "E1", 20, 8.0, TIME));
        failingSink.shift(new WorkShift("E1-S2", "E1", 20, 8.0, TIME));

        failing.errorNext(new TimeoutException("broker gone"));
        failing.completeNext();

        assertEquals(1, failingSink.sendFailures());
    }

    @Test
    void flushFlushesTheProducer() {
        MockProducer<String, byte[]> manual =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        KafkaEventSink manualSink = new KafkaEventSink(manual, SERIALIZER, new TopicNames(""));
        manualSink.shift(new WorkShift("E1-S1", "E1", 20, 8.0, TIME));
        assertTrue(!manual.flushed());

        manualSink.flush();

        assertTrue(manual.flushed());
    }
}
