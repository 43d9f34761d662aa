package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.serde.WireFormat;
import io.industrybrain.streams.topology.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random inputs, seeded so a failure reproduces: random bytes, wire-format headers with
 * broken bodies, and schema-valid records with random and out-of-range values, resends and enterprises
 * that do not exist. The app must keep running, every record must end in exactly one outcome, every
 * dead letter must be the input's bytes, and no window may get two final records.
 */
class FuzzTest {

    private static final long SEED = 20260301L;
    private static final int RECORDS = 4000;
    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path stateDir;

    private final Random random = new Random(SEED);
    private final Map<String, List<byte[]>> sent = new HashMap<>();
    private final List<SpecificRecordBase> published = new ArrayList<>();

    @Test
    void randomInputNeverStopsTheAppAndEveryRecordHasExactlyOneOutcome() {
        try (EnterpriseMetricsHarness harness = new EnterpriseMetricsHarness(stateDir,
                settings -> settings.withUpdateInterval(Duration.ofSeconds(1)))) {
            for (int i = 0; i < RECORDS; i++) {
                // Event times drift forward over 4 hours with up to 30 minutes of disorder, so that windows
                // close, some events are late in grace, some late past it, and some dated in the future.
                Instant time = START.plusMillis((long) i * Duration.ofHours(4).toMillis() / RECORDS)
                        .plus(Duration.ofSeconds(random.nextInt(3600) - 1800));
                next(harness, time);
                if (i % 100 == 0) {
                    harness.driver.advanceWallClockTime(Duration.ofSeconds(1));
                }
            }
            harness.driver.advanceWallClockTime(Duration.ofSeconds(1));

            harness.assertOutcomesBalance();
            long deadLettered = 0;
            while (!harness.deadLetters.isEmpty()) {
                TestRecord<byte[], byte[]> letter = harness.deadLetters.readRecord();
                String topic = EnterpriseMetricsHarness.header(letter.headers(), DeadLetterHeaders.TOPIC);
                int offset = Integer.parseInt(EnterpriseMetricsHarness.header(letter.headers(), DeadLetterHeaders.OFFSET));
                assertArrayEquals(sent.get(topic).get(offset), letter.value(), () -> "dead letter of " + topic + "@" + offset);
                deadLettered++;
            }
            long counted = harness.counters.snapshot().values().stream().mapToLong(OutcomeCounters.TopicOutcomes::deadLetteredTotal).sum();
            assertEquals(counted, deadLettered, "every dead letter counted, every count written");
            assertTrue(deadLettered > RECORDS / 10, "the fuzzer must exercise the dead-letter paths: " + deadLettered);

            Set<String> finalKeys = new HashSet<>();
            for (KeyValue<String, MetricRecord> last : harness.finals.readKeyValuesToList()) {
                assertTrue(finalKeys.add(last.key), () -> "second final for " + last.key);
                assertTrue(last.value.getFinal$());
            }
            assertTrue(finalKeys.size() > 3, "windows must close: " + finalKeys);
            OutcomeCounters.TopicOutcomes telemetry = harness.counters.snapshot(harness.topics.telemetry());
            assertTrue(telemetry.accepted() > RECORDS / 40, () -> "telemetry must get through: " + telemetry);
            assertTrue(telemetry.duplicates() > 0, () -> "resends must be recognised: " + telemetry);
        }
    }

    private void next(EnterpriseMetricsHarness harness, Instant time) {
        int choice = random.nextInt(100);
        if (choice < 10) {
            pipe(harness, randomTopic(harness), randomBytes(random.nextInt(40)));
        } else if (choice < 15) {
            // A real header with a body that is noise: unknown ids and undecodable bodies
            byte[] body = randomBytes(random.nextInt(30));
            byte[] value = new byte[WireFormat.HEADER_LENGTH + body.length];
            System.arraycopy(WireFormat.header(random.nextInt(6)), 0, value, 0, WireFormat.HEADER_LENGTH);
            System.arraycopy(body, 0, value, WireFormat.HEADER_LENGTH, body.length);
            pipe(harness, randomTopic(harness), value);
        } else if (choice < 25 && !published.isEmpty()) {
            SpecificRecordBase resend = published.get(random.nextInt(published.size()));
            publish(harness, topicOf(harness, resend), resend);
        } else if (choice < 28) {
            Enterprise enterprise = Events.enterprise(enterpriseId(), random.nextBoolean(), random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(500));
            publish(harness, harness.topics.enterprises(), enterprise);
        } else {
            SpecificRecordBase event = randomEvent(time);
            published.add(event);
            publish(harness, topicOf(harness, event), event);
        }
    }

    private SpecificRecordBase randomEvent(Instant time) {
        // Now and then a gateway with a clock hours ahead: past the wall clock (12:00 + 5 min), so INVALID.
        Instant at = random.nextInt(50) == 0 ? time.plus(Duration.ofHours(5)) : time;
        String enterprise = enterpriseId();
        return switch (random.nextInt(4)) {
            case 0 -> Events.sample(pick("D1", "D2", "D3", "D4", ""), enterprise, random.nextInt(20), at,
                    MachineState.values()[random.nextInt(MachineState.values().length)], random.nextInt(700) - 10,
                    random.nextInt(100) - 2, random.nextInt(10), pick(1.5, -0.5, Double.NaN, Double.POSITIVE_INFINITY, 0.0, 2.25),
                    random.nextBoolean(), random.nextBoolean());
            case 1 -> Events.batch(pick("B1", "B2", "B3", "B" + random.nextInt(1000), ""), enterprise, at,
                    pick(1000.0, -1.0, Double.NaN, 25_000.0), pick(500.0, -3.0, Double.NEGATIVE_INFINITY, 7_500.0));
            case 2 -> Events.shift(pick("S1", "S2", "S" + random.nextInt(1000)), enterprise, at, random.nextInt(40) - 2,
                    pick(8.0, 24.0, 24.01, -1.0, Double.NaN, 0.0));
            default -> Events.heartbeat(enterprise, KeyProcess.values()[random.nextInt(KeyProcess.values().length)],
                    Hosting.values()[random.nextInt(Hosting.values().length)], random.nextBoolean(), at);
        };
    }

    private String enterpriseId() {
        return pick("E1", "E2", "E3", "E4", "E5", "E404", "");
    }

    private String topicOf(EnterpriseMetricsHarness harness, SpecificRecordBase record) {
        return switch (record.getClass().getSimpleName()) {
            case "MachineTelemetry" -> harness.topics.telemetry();
            case "ProductionOutput" -> harness.topics.production();
            case "WorkShift" -> harness.topics.shifts();
            case "ProcessHeartbeat" -> harness.topics.processes();
            default -> harness.topics.enterprises();
        };
    }

    private String randomTopic(EnterpriseMetricsHarness harness) {
        List<String> topics = harness.topics.eventTopics();
        return topics.get(random.nextInt(topics.size()));
    }

    private void publish(EnterpriseMetricsHarness harness, String topic, SpecificRecordBase record) {
        int before = sent.computeIfAbsent(topic, t -> new ArrayList<>()).size();
        // Reference records are keyed by their id, save for the odd mismatch that must be ignored.
        String key = record instanceof Enterprise enterprise && random.nextInt(10) > 0 ? enterprise.getEnterpriseId() : "k" + random.nextInt(5);
        byte[] bytes = harness.publish(topic, key, record);
        sent.get(topic).add(bytes);
        assertEquals(before + 1, sent.get(topic).size());
    }

    private void pipe(EnterpriseMetricsHarness harness, String topic, byte[] value) {
        harness.pipe(topic, "noise".getBytes(StandardCharsets.UTF_8), value);
        sent.computeIfAbsent(topic, t -> new ArrayList<>()).add(value);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
