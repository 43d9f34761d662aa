package io.industrybrain.app;

import static io.industrybrain.app.BrainTestSupport.awaitEnterprisesKnown;
import static io.industrybrain.app.BrainTestSupport.getJson;
import static io.industrybrain.app.BrainTestSupport.httpGet;
import static io.industrybrain.schema.Period.DAY;
import static io.industrybrain.schema.Period.MONTH;
import static io.industrybrain.schema.Period.QUARTER;
import static io.industrybrain.schema.Period.YEAR;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.industrybrain.app.PeriodRecomputation.Span;
import io.industrybrain.app.query.MetricRecords;
import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.schema.Enterprise;
import io.industrybrain.schema.Hosting;
import io.industrybrain.schema.KeyProcess;
import io.industrybrain.schema.MachineState;
import io.industrybrain.schema.MachineTelemetry;
import io.industrybrain.schema.MetricRecord;
import io.industrybrain.schema.Period;
import io.industrybrain.schema.ProcessHeartbeat;
import io.industrybrain.schema.ProductionOutput;
import io.industrybrain.schema.Scope;
import io.industrybrain.schema.WorkShift;
import io.industrybrain.serde.AvroDeserializer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.simulator.EventSink;
import io.industrybrain.simulator.EventTopic;
import io.industrybrain.simulator.KafkaEventSink;
import io.industrybrain.streams.topology.Events;
import io.industrybrain.testkit.EmbeddedKafkaExtension;
import io.industrybrain.testkit.KafkaRecords;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan periods on the real broker (issue 28): the app in a JVM of its own is sent three calendar days of a small fleet in
 * {@code Asia/Shanghai} (days before today, every topic in event-time order, at full speed, resends included) in three
 * parts: day 1 to day 2 04:00, which closes day 1; on to day 3 03:00, which closes day 2; day 3 to 13:35. After each part,
 * brain.metrics.periods holds the DAY finals of the days closed and the provisional day, month, quarter and year to date
 * of every scope, each equal to a recomputation from the records sent (never from the product's window finals), with
 * no other key and exactly one final for each period that has ended; {@code /api/metrics?period=} answers what the
 * topic holds. The app is killed with SIGKILL while the gateway sends the second part (before day 2 is final) and again
 * while it sends the third (day 2's finals committed), each time as soon as the app is seen consuming the part, and
 * restarted on the same data directory, the rest of the part sent after: it answers the days from before the crash at
 * once, from the history kept on disk, and publishes no period's final twice.
 */
class PeriodsIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final int MIN_GROUP_SIZE = 3;
    private static final int PARTITIONS = 3;
    private static final int DEVICES = 3;
    private static final Duration CONVERGED = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Six registered enterprises over two chains and two cities; E5 reports from the second day on, E6 never. So the chain
     * TEXTILE is always a group too small to publish, the city HZ is on day 1 and not from day 2, and no scope but an
     * enterprise covers all its registered enterprises.
     */
    private static final List<Enterprise> FLEET = List.of(
            Events.enterprise("E1", "AUTO", "HZ", true, 120),
            Events.enterprise("E2", "AUTO", "HZ", true, 80),
            Events.enterprise("E3", "AUTO", "NB", false, 40),
            Events.enterprise("E4", "TEXTILE", "NB", true, 200),
            Events.enterprise("E5", "TEXTILE", "HZ", false, 60),
            Events.enterprise("E6", "TEXTILE", "NB", true, 90));

    /** A scope and scopeId of the fleet. */
    private record Scoped(Scope scope, String id) { }

    private static final List<Scoped> SCOPES = List.of(new Scoped(Scope.PROVINCE, "ZJ"),
            new Scoped(Scope.INDUSTRY_CHAIN, "AUTO"), new Scoped(Scope.INDUSTRY_CHAIN, "TEXTILE"),
            new Scoped(Scope.REGION, "HZ"), new Scoped(Scope.REGION, "NB"),
            new Scoped(Scope.ENTERPRISE, "E1"), new Scoped(Scope.ENTERPRISE, "E2"), new Scoped(Scope.ENTERPRISE, "E3"),
            new Scoped(Scope.ENTERPRISE, "E4"), new Scoped(Scope.ENTERPRISE, "E5"), new Scoped(Scope.ENTERPRISE, "E6"));

    /**
     * One record of the history: when the gateway sends it (its eventTime, but for a sample held back), its topic,
     * whether the contract drops it as a duplicate of one sent before, and how to send it.
     */
    private record Timed(Instant sendAt, Instant eventTime, EventTopic topic, boolean duplicate, Consumer<EventSink> send) { }

    /** Kept when the test fails: the app's log is there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private AvroDeserializer<MetricRecord> metrics;

    @Test
    void daysAndTheMonthToDateEqualARecomputationFromTheEventsBeforeAndAfterKills() throws Exception {
        long began = System.nanoTime();
        metrics = new AvroDeserializer<>(kafka.registryClient(), MetricRecord.class);
        LocalDate day1 = firstOfThreeDays(LocalDate.now(ZONE));
        LocalDate day2 = day1.plusDays(1);
        LocalDate day3 = day1.plusDays(2);
        List<Timed> history = history(day1, at(day3, 13, 35));
        // day 1 and day 2 to 04:00, which closes day 1; day 2 to day 3 03:00, which closes day 2; the rest of day 3
        List<Timed> first = sentBetween(history, Instant.MIN, at(day2, 4, 0));
        List<Timed> second = sentBetween(history, at(day2, 4, 0), at(day3, 3, 0));
        List<Timed> third = sentBetween(history, at(day3, 3, 0), Instant.MAX);

        String prefix = kafka.uniqueName("periods") + ".";
        TopicNames topics = new TopicNames(prefix);
        TopicCreator.ensureTopics(kafka.admin(), topics.all(), PARTITIONS);
        SentEvents sent = new SentEvents(WINDOW, GRACE);
        AppProcess app = app("periods", prefix);
        try (app; KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaEventSink.producerConfig(kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            Gateway gateway = new Gateway(sent,
                    new KafkaEventSink(producer, new AvroSerializer<SpecificRecord>(kafka.registryClient(), true), topics));
            // the plants are registered before their gateways send (docs/decisions.md, "Reference data is complete before events")
            FLEET.forEach(gateway.sink()::enterprise);
            gateway.sink().flush();
            app.start();
            app.awaitHealthy(CONVERGED);
            awaitEnterprisesKnown(app.url(), topics, FLEET.size());

            gateway.send(first);
            checkpoint("after day 1", app, topics, expected(sent, day1, closedUntil(first)));
            List<String> day1Queries = daysQueries(day1, day2);
            List<JsonNode> day1BeforeCrash = answersOfDays(app.url(), day1Queries, 1);

            // killed while the gateway sends day 2
            long atFirstKill = killWhileSending(app, topics, second, gateway, day1Queries, day1BeforeCrash);
            checkpoint("after day 2", app, topics, expected(sent, day1, closedUntil(history.subList(0, first.size() + second.size()))));
            List<String> days1And2Queries = daysQueries(day1, day3);
            List<JsonNode> days1And2BeforeCrash = answersOfDays(app.url(), days1And2Queries, 2);

            // again once day 2's finals are committed, while it sends day 3
            long atSecondKill = killWhileSending(app, topics, third, gateway, days1And2Queries, days1And2BeforeCrash);
            Map<String, Map<String, Object>> atEnd = expected(sent, day1, closedUntil(history));
            checkpoint("after day 3", app, topics, atEnd);
            assertEquals(days1And2BeforeCrash, answers(app.url(), days1And2Queries), "days 1 and 2 at the end");
            assertLedger(app.url(), topics, history);
            System.out.printf("periods: %d records over %s to %s, kill -9 with %d of %d and %d of %d samples seen consumed, %d period keys "
                            + "equal to the recomputation, %.1f s%n", history.size(), day1, day3, atFirstKill, telemetry(firstHalf(second)),
                    atSecondKill, telemetry(firstHalf(third)), atEnd.size(), (System.nanoTime() - began) / 1e9);
        }
    }

    /**
     * A kill after the app consumed all it was sent: killed once the ledger shows day 1 and day 2 to 04:00 consumed,
     * within {@code intake.idle.after} of the last record, so before its intake tasks are idle; restarted, and sent
     * nothing more. The restarted intake tasks admit nothing: they must still announce how far their committed input
     * went, or the window stage knows it only as far as the events they stamped before the kill, which the sparse
     * partitions (day 1's last shift at 23:55) held back, and day 1's last window, so day 1, is never final (as it was
     * before the intake kept its progress in its state).
     */
    @Test
    void aKillAfterTheAppConsumedAllItWasSentStillClosesTheDay() throws Exception {
        metrics = new AvroDeserializer<>(kafka.registryClient(), MetricRecord.class);
        LocalDate day1 = firstOfThreeDays(LocalDate.now(ZONE));
        List<Timed> first = sentBetween(history(day1, at(day1.plusDays(2), 13, 35)), Instant.MIN, at(day1.plusDays(1), 4, 0));
        String prefix = kafka.uniqueName("periods-repro") + ".";
        TopicNames topics = new TopicNames(prefix);
        TopicCreator.ensureTopics(kafka.admin(), topics.all(), PARTITIONS);
        SentEvents sent = new SentEvents(WINDOW, GRACE);
        AppProcess app = app("periods-repro", prefix);
        try (app; KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaEventSink.producerConfig(kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            Gateway gateway = new Gateway(sent,
                    new KafkaEventSink(producer, new AvroSerializer<SpecificRecord>(kafka.registryClient(), true), topics));
            FLEET.forEach(gateway.sink()::enterprise);
            gateway.sink().flush();
            app.start();
            app.awaitHealthy(CONVERGED);
            awaitEnterprisesKnown(app.url(), topics, FLEET.size());
            gateway.send(first);
            long samples = telemetry(first);
            await().alias("all " + samples + " samples consumed").atMost(CONVERGED).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).until(() -> consumed(app.url(), topics.telemetry()) == samples);
            app.kill();
            app.start();
            app.awaitHealthy(CONVERGED);
            checkpoint("after day 1 and a kill once all was consumed", app, topics, expected(sent, day1, closedUntil(first)));
        }
    }

    /** The app in its own JVM, on the test's broker and topics, with its data in the test's directory under {@code name}. */
    private AppProcess app(String name, String prefix) throws IOException {
        return new AppProcess(name, dir.resolve(name), "512m", List.of(
                "--bootstrap.servers=" + kafka.bootstrapServers(), "--schema.registry.url=" + kafka.schemaRegistryUrl(),
                "--topic.prefix=" + prefix, "--application.id=" + prefix + "app", "--simulator=off", "--partitions=" + PARTITIONS,
                "--window=" + WINDOW, "--grace=" + GRACE, "--period.zone=" + ZONE, "--min.group.size=" + MIN_GROUP_SIZE,
                // a killed instance's group membership expires in 6 s instead of 45: the restarted one gets its tasks sooner
                "--kafka.streams.consumer.session.timeout.ms=6000", "--kafka.streams.consumer.heartbeat.interval.ms=1000"));
    }

    /** The first of three whole days before {@code today}, all in one month. */
    private static LocalDate firstOfThreeDays(LocalDate today) {
        LocalDate last = today.minusDays(1);
        if (last.getDayOfMonth() < 3) {
            last = last.withDayOfMonth(1).minusDays(1);
        }
        return last.minusDays(2);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(ZONE).toInstant();
    }

    /**
     * The fleet's records from the start of {@code day1} to {@code end}, in the order its gateways send them: every device
     * a sample every 10 minutes, a batch every other hour, a shift every 8 hours, a heartbeat every hour. Every 37th
     * sample, 5th batch and 4th shift is sent twice (a duplicate) and so is every 10th heartbeat (counted again, as
     * heartbeats have no id); each day the first device's 23:40 sample reaches Kafka after its 23:50 one, so the day's last
     * sample is the highest seq, not the last to arrive. E1 digitizes all eight key processes, one an hour in turn (never
     * all in one window), SALES on a public cloud; E2 all but FINANCE, which runs on a private cloud; E3 all eight on
     * premises, but sends nothing of SALES and FINANCE on day 1; E4 all eight on premises; E5 the first four, on a
     * public cloud.
     */
    private static List<Timed> history(LocalDate day1, Instant end) {
        Random random = new Random(28);
        List<Timed> events = new ArrayList<>();
        for (Enterprise enterprise : FLEET) {
            String id = enterprise.getEnterpriseId();
            if (id.equals("E6")) {
                continue;
            }
            long[] seq = new long[DEVICES];
            int[] counts = new int[4];
            for (Instant hour = at(id.equals("E5") ? day1.plusDays(1) : day1, 0, 0); hour.isBefore(end); hour = hour.plus(WINDOW)) {
                int localHour = hour.atZone(ZONE).getHour();
                boolean onDay1 = hour.atZone(ZONE).toLocalDate().equals(day1);
                for (int minute = 0; minute < 60; minute += 10) {
                    for (int device = 0; device < DEVICES; device++) {
                        Instant time = hour.plus(Duration.ofMinutes(minute + device));
                        MachineTelemetry sample = sample(enterprise, device, ++seq[device], time, random);
                        Instant sendAt = device == 0 && localHour == 23 && minute == 40 ? time.plus(Duration.ofMinutes(11)) : time;
                        add(events, sendAt, time, EventTopic.TELEMETRY, ++counts[0] % 37 == 0, true, sink -> sink.telemetry(sample));
                    }
                }
                if (localHour % 2 == 0) {
                    double added = 500 * (10 + random.nextInt(40));
                    ProductionOutput batch = Events.batch(id + "-B" + (counts[1] + 1), id, hour.plus(Duration.ofMinutes(35)),
                            3 * added + 250 * random.nextInt(8), added);
                    add(events, batch.getEventTime(), batch.getEventTime(), EventTopic.PRODUCTION, ++counts[1] % 5 == 0, true,
                            sink -> sink.production(batch));
                }
                if (localHour % 8 == 7) {
                    WorkShift shift = Events.shift(id + "-S" + (counts[2] + 1), id, hour.plus(Duration.ofMinutes(55)),
                            10 + random.nextInt(30), random.nextBoolean() ? 8.0 : 7.5);
                    add(events, shift.getEventTime(), shift.getEventTime(), EventTopic.SHIFTS, ++counts[2] % 4 == 0, true,
                            sink -> sink.shift(shift));
                }
                KeyProcess process = KeyProcess.values()[localHour % KeyProcess.values().length];
                ProcessHeartbeat heartbeat = heartbeat(id, process, onDay1, hour.plus(Duration.ofMinutes(45)));
                if (heartbeat != null) {
                    add(events, heartbeat.getEventTime(), heartbeat.getEventTime(), EventTopic.PROCESSES, ++counts[3] % 10 == 0, false,
                            sink -> sink.heartbeat(heartbeat));
                }
            }
        }
        List<Timed> before = events.stream().filter(event -> event.eventTime().isBefore(end)).toList();
        // stable: a resend right after its original
        return before.stream().sorted(Comparator.comparing(Timed::sendAt)).toList();
    }

    /** Adds a record, and when {@code twice} its resend, a duplicate when {@code deduplicated} (the contract drops it). */
    private static void add(List<Timed> events, Instant sendAt, Instant eventTime, EventTopic topic, boolean twice, boolean deduplicated,
                            Consumer<EventSink> send) {
        events.add(new Timed(sendAt, eventTime, topic, false, send));
        if (twice) {
            events.add(new Timed(sendAt, eventTime, topic, deduplicated, send));
        }
    }

    /** A 10-minute sample; E4's machines are NC and on the cloud more often than the others'. */
    private static MachineTelemetry sample(Enterprise enterprise, int device, long seq, Instant at, Random random) {
        boolean steady = enterprise.getEnterpriseId().equals("E4");
        double draw = random.nextDouble();
        MachineState state = draw < 0.6 ? MachineState.RUNNING : draw < 0.8 ? MachineState.IDLE
                : draw < 0.9 ? MachineState.DOWN : MachineState.MAINTENANCE;
        boolean running = state == MachineState.RUNNING;
        int good = running ? random.nextInt(60) : 0;
        int defect = running ? random.nextInt(4) : 0;
        // eighths of a kWh: their sums are exact in binary, whatever order they are added in
        double kwh = random.nextInt(40) / 8.0;
        boolean nc = random.nextDouble() < (steady ? 0.95 : 0.75);
        boolean cloud = random.nextDouble() < (steady ? 0.9 : 0.6);
        String id = enterprise.getEnterpriseId();
        return Events.sample(id + "-D" + (device + 1), id, seq, at, state, 600, good, defect, kwh, nc, cloud);
    }

    /** The enterprise's heartbeat of the hour's key process (see {@link #history}), or null when it sends none. */
    private static ProcessHeartbeat heartbeat(String id, KeyProcess process, boolean onDay1, Instant at) {
        boolean salesOrFinance = process == KeyProcess.SALES || process == KeyProcess.FINANCE;
        return switch (id) {
            case "E1" -> Events.heartbeat(id, process, process == KeyProcess.SALES ? Hosting.PUBLIC_CLOUD : Hosting.ON_PREMISES, true, at);
            case "E2" -> Events.heartbeat(id, process, process == KeyProcess.FINANCE ? Hosting.PRIVATE_CLOUD : Hosting.ON_PREMISES,
                    process != KeyProcess.FINANCE, at);
            case "E3" -> onDay1 && salesOrFinance ? null : Events.heartbeat(id, process, Hosting.ON_PREMISES, true, at);
            case "E5" -> Events.heartbeat(id, process, Hosting.PUBLIC_CLOUD, process.ordinal() < 4, at);
            default -> Events.heartbeat(id, process, Hosting.ON_PREMISES, true, at);
        };
    }

    /** The records sent in [from, until). */
    private static List<Timed> sentBetween(List<Timed> history, Instant from, Instant until) {
        return history.stream().filter(event -> !event.sendAt().isBefore(from) && event.sendAt().isBefore(until)).toList();
    }

    /** What the fleet's gateways send through: the test's record of it, then Kafka. */
    private record Gateway(SentEvents sent, KafkaEventSink kafka) {

        EventSink sink() {
            return sent.andThen(kafka);
        }

        void send(List<Timed> events) {
            EventSink sink = sink();
            events.forEach(event -> event.send().accept(sink));
            sink.flush();
            assertEquals(0, kafka.sendFailures(), "records the producer could not send");
        }
    }

    private static List<Timed> firstHalf(List<Timed> part) {
        return part.subList(0, part.size() / 2);
    }

    private static long telemetry(List<Timed> part) {
        return part.stream().filter(event -> event.topic() == EventTopic.TELEMETRY).count();
    }

    /**
     * Sends the first half of {@code part}, kills the app with SIGKILL as soon as the ledger shows it consuming it and
     * starts it again on the same data directory; checks that right away, before it has caught up, {@code queries} answer
     * what they did before the crash (the history is kept on disk); then sends the rest of the part.
     *
     * @return how many of the half's samples the ledger showed consumed at the kill (the ledger is a moment behind)
     */
    private static long killWhileSending(AppProcess app, TopicNames topics, List<Timed> part, Gateway gateway, List<String> queries,
                                         List<JsonNode> answeredBefore) throws Exception {
        long before = consumed(app.url(), topics.telemetry());
        gateway.send(firstHalf(part));
        await().alias("the app consuming the part sent").atMost(CONVERGED).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> consumed(app.url(), topics.telemetry()) > before);
        long atKill = consumed(app.url(), topics.telemetry()) - before;
        app.kill();
        app.start();
        app.awaitHealthy(CONVERGED);
        assertEquals(answeredBefore, answers(app.url(), queries), "the days from before the crash, right after the restart");
        gateway.send(part.subList(part.size() / 2, part.size()));
        return atKill;
    }

    /**
     * brain.metrics.periods holds the recomputed records, and no other key, with one final for each period that has ended,
     * and /api/metrics?period= answers them.
     */
    private void checkpoint(String when, AppProcess app, TopicNames topics, Map<String, Map<String, Object>> expected) {
        Map<String, List<MetricRecord>> held = assertPeriods(when, app, topics, expected);
        assertFinals(when, held, expected);
        assertAnswersAsHeld(app.url(), held);
    }

    /** The queries of the province's and of E1's days from {@code from} to {@code to} (exclusive). */
    private static List<String> daysQueries(LocalDate from, LocalDate to) {
        String days = "&period=DAY&from=" + Span.of(DAY, from, ZONE).start() + "&to=" + Span.of(DAY, to, ZONE).start();
        return List.of("/api/metrics?scope=PROVINCE&scopeId=ZJ" + days, "/api/metrics?scope=ENTERPRISE&scopeId=E1" + days);
    }

    /** The records each query answers, {@code days} each. */
    private static List<JsonNode> answersOfDays(String url, List<String> queries, int days) throws IOException, InterruptedException {
        List<JsonNode> answers = answers(url, queries);
        assertEquals(Collections.nCopies(queries.size(), days), answers.stream().map(JsonNode::size).toList(), "days answered: " + answers);
        return answers;
    }

    private static List<JsonNode> answers(String url, List<String> queries) throws IOException, InterruptedException {
        List<JsonNode> answers = new ArrayList<>();
        for (String query : queries) {
            answers.add(getJson(url + query).path("records"));
        }
        return answers;
    }

    /**
     * The end of the latest window every partition closes once all of {@code sent} is in and every input partition has gone
     * quiet: the watermark is then the latest eventTime, and a window [s, e) is closed once it has reached e + grace.
     */
    private static Instant closedUntil(List<Timed> sent) {
        long watermark = sent.stream().map(Timed::eventTime).max(Comparator.naturalOrder()).orElseThrow().minus(GRACE).toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(watermark, WINDOW.toMillis()) * WINDOW.toMillis());
    }

    /** The recomputed record of every key brain.metrics.periods has once the windows before {@code closedUntil} are final. */
    private static Map<String, Map<String, Object>> expected(SentEvents sent, LocalDate day1, Instant closedUntil) {
        PeriodRecomputation recomputation = new PeriodRecomputation(sent.counted(), WINDOW, MIN_GROUP_SIZE);
        List<Span> spans = List.of(Span.of(DAY, day1, ZONE), Span.of(DAY, day1.plusDays(1), ZONE), Span.of(DAY, day1.plusDays(2), ZONE),
                Span.of(MONTH, day1, ZONE), Span.of(QUARTER, day1, ZONE), Span.of(YEAR, day1, ZONE));
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        for (Span span : spans) {
            for (Scoped scoped : SCOPES) {
                Map<String, Object> fields = recomputation.expected(span, scoped.scope(), scoped.id(), closedUntil);
                if (!fields.isEmpty()) {
                    expected.put(span.key(scoped.scope(), scoped.id()), fields);
                }
            }
        }
        return expected;
    }

    /**
     * Waits until the latest record of every expected key on brain.metrics.periods is covered as far as expected, then
     * asserts that the topic has no other key and that each latest record equals the recomputation.
     *
     * @return every record of the topic by key, in offset order
     */
    private Map<String, List<MetricRecord>> assertPeriods(String when, AppProcess app, TopicNames topics,
                                                          Map<String, Map<String, Object>> expected) {
        Map<String, List<MetricRecord>> held = new TreeMap<>();
        try {
            await().alias(when + ": the " + expected.size() + " period records on " + topics.metricsPeriods()).atMost(CONVERGED)
                    .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        held.clear();
                        held.putAll(periodRecords(topics));
                        List<String> behind = expected.entrySet().stream().filter(key -> !coveredAsExpected(held.get(key.getKey()), key.getValue()))
                                .map(key -> key.getKey() + " " + describe(held.get(key.getKey()))).toList();
                        assertEquals(List.of(), behind, "keys whose latest record is not yet covered as far as the recomputation");
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnosis(app, topics), e);
        }
        assertEquals(expected.keySet(), held.keySet(), when + ": the keys of " + topics.metricsPeriods());
        List<String> differences = new ArrayList<>();
        expected.forEach((key, fields) -> differences.addAll(differences(key, fields, latest(held.get(key)))));
        assertEquals(List.of(), differences, when + ": fields that differ from the recomputation from the records sent");
        return held;
    }

    private static boolean coveredAsExpected(List<MetricRecord> records, Map<String, Object> expected) {
        return records != null && latest(records).getCoveredUntil().equals(expected.get("coveredUntil"))
                && expected.get("final").equals(latest(records).getFinal$());
    }

    private static String describe(List<MetricRecord> records) {
        return records == null ? "absent" : "covered until " + latest(records).getCoveredUntil() + ", final " + latest(records).getFinal$();
    }

    /** Each key's records: one final, and last, for a period that has ended; none for a period to date. */
    private static void assertFinals(String when, Map<String, List<MetricRecord>> held, Map<String, Map<String, Object>> expected) {
        List<String> wrong = new ArrayList<>();
        expected.forEach((key, fields) -> {
            List<MetricRecord> records = held.get(key);
            long finals = records.stream().filter(MetricRecord::getFinal$).count();
            long expectedFinals = Boolean.TRUE.equals(fields.get("final")) ? 1 : 0;
            if (finals != expectedFinals || finals == 1 && !latest(records).getFinal$()) {
                wrong.add(key + ": " + finals + " finals among " + records.size() + " records, the last final " + latest(records).getFinal$());
            }
        });
        assertEquals(List.of(), wrong, when + ": keys whose finals are wrong");
    }

    /** The fields of {@code actual} that differ from {@code expected}, as "key field: expected x, was y". */
    private static List<String> differences(String key, Map<String, Object> expected, MetricRecord actual) {
        List<String> differences = new ArrayList<>();
        expected.forEach((field, value) -> {
            Object was = actual.get(field);
            if (!same(value, was)) {
                differences.add(key + " " + field + ": expected " + value + ", was " + was);
            }
        });
        return differences;
    }

    /** Equal, numbers by value; floating-point ones to 1e-9 of their size (the product may add or divide in another order). */
    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Double e && actual instanceof Double a) {
            return Math.abs(e - a) <= 1e-9 * Math.max(1, Math.abs(e));
        }
        if (expected instanceof Long e && actual instanceof Number a) {
            return e == a.longValue();
        }
        return Objects.equals(expected, actual);
    }

    /**
     * What tells a stuck period stage from stuck windows: the latest window final of the province on brain.metrics.final,
     * the ledger's outcomes, the end of the app's log.
     */
    private String diagnosis(AppProcess app, TopicNames topics) {
        StringBuilder text = new StringBuilder();
        try {
            String latestFinal = KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.metricsFinal(), new StringDeserializer(), metrics)
                    .stream().map(ConsumerRecord::key).filter(key -> key.startsWith("PROVINCE:")).max(Comparator.naturalOrder()).orElse("none");
            text.append("latest province window final: ").append(latestFinal).append('\n');
            text.append("outcomes: ").append(getJson(app.url() + "/api/outcomes").path("topics")).append('\n');
            List<String> log = app.output();
            text.append("the end of the app's log:\n").append(String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size())));
        } catch (IOException | RuntimeException e) {
            text.append("(diagnosis incomplete: ").append(e).append(')');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text.toString();
    }

    /** Every record of brain.metrics.periods committed so far, by key, in offset order. */
    private Map<String, List<MetricRecord>> periodRecords(TopicNames topics) {
        Map<String, List<MetricRecord>> byKey = new TreeMap<>();
        for (ConsumerRecord<String, MetricRecord> record : KafkaRecords.consumeAll(kafka.bootstrapServers(), topics.metricsPeriods(),
                new StringDeserializer(), metrics)) {
            byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record.value());
        }
        return byKey;
    }

    private static MetricRecord latest(List<MetricRecord> records) {
        return records.get(records.size() - 1);
    }

    /**
     * {@code /api/metrics?scope=&scopeId=&period=} of every scopeId of the fleet and every period kind answers what the
     * topic holds, newest first, each record as it is there; 404 where it holds none. The global store follows the topic
     * a moment behind: waited for.
     */
    private static void assertAnswersAsHeld(String url, Map<String, List<MetricRecord>> held) {
        await().alias("/api/metrics?period= answers what brain.metrics.periods holds").atMost(CONVERGED)
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    for (Period kind : List.of(DAY, MONTH, QUARTER, YEAR)) {
                        for (Scoped scoped : SCOPES) {
                            String prefix = kind + ":" + scoped.scope() + ":" + scoped.id() + ":";
                            List<MetricRecord> records = held.entrySet().stream().filter(key -> key.getKey().startsWith(prefix))
                                    .map(key -> latest(key.getValue()))
                                    .sorted(Comparator.comparing(MetricRecord::getWindowStart).reversed()).toList();
                            String query = "/api/metrics?scope=" + scoped.scope() + "&scopeId=" + scoped.id() + "&period=" + kind;
                            HttpResponse<String> answer = httpGet(url + query);
                            assertEquals(records.isEmpty() ? 404 : 200, answer.statusCode(), query + ": " + answer.body());
                            if (!records.isEmpty()) {
                                assertEquals(asAnswered(records), JSON.readTree(answer.body()).path("records"), query);
                            }
                        }
                    }
                });
    }

    /** Records as the query API shows them, written and read back as an answer is. */
    private static ArrayNode asAnswered(List<MetricRecord> records) throws IOException {
        ArrayNode answered = JSON.createArrayNode();
        for (MetricRecord record : records) {
            answered.add(JSON.readTree(JSON.writeValueAsString(MetricRecords.json(record))));
        }
        return answered;
    }

    private static long consumed(String url, String topic) throws IOException, InterruptedException {
        return getJson(url + "/api/outcomes").path("topics").path(topic).path("consumed").asLong();
    }

    /** The outcome ledger: every record sent consumed once, each resend of a sample, batch or shift a duplicate, none dead-lettered. */
    private static void assertLedger(String url, TopicNames topics, List<Timed> history) throws Exception {
        Map<EventTopic, String> names = Map.of(EventTopic.TELEMETRY, topics.telemetry(), EventTopic.PRODUCTION, topics.production(),
                EventTopic.SHIFTS, topics.shifts(), EventTopic.PROCESSES, topics.processes());
        Function<EventTopic, List<Long>> expected = topic -> {
            long sent = history.stream().filter(event -> event.topic() == topic).count();
            long duplicates = history.stream().filter(event -> event.topic() == topic && event.duplicate()).count();
            return List.of(sent, sent - duplicates, duplicates, 0L, 0L);
        };
        await().alias("the ledger settles every record sent").atMost(CONVERGED).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode outcomes = getJson(url + "/api/outcomes").path("topics");
            for (Map.Entry<EventTopic, String> topic : names.entrySet()) {
                JsonNode counted = outcomes.path(topic.getValue());
                long deadLettered = 0;
                for (JsonNode reason : counted.path("deadLettered")) {
                    deadLettered += reason.asLong();
                }
                assertEquals(expected.apply(topic.getKey()), List.of(counted.path("consumed").asLong(), counted.path("accepted").asLong(),
                                counted.path("duplicates").asLong(), deadLettered, counted.path("inFlight").asLong()),
                        topic.getValue() + ": consumed, accepted, duplicates, dead-lettered, in flight");
            }
        });
    }
}
