package io.industrybrain.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.industrybrain.app.livepage.HeadlessChromium;
import io.industrybrain.app.livepage.LivePage;
import io.industrybrain.app.livepage.PageShowsApi;
import io.industrybrain.app.livepage.QueryApiClient;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.simulator.FaultCounters;
import io.industrybrain.simulator.FaultRates;
import io.industrybrain.simulator.KafkaEventSink;
import io.industrybrain.simulator.Simulator;
import io.industrybrain.simulator.SimulatorSettings;
import io.industrybrain.streams.topology.OutcomeCounters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page of a running brain: the app on its embedded broker and registry, an hour of a small
 * simulated fleet published (faults included), and the page in headless Chromium showing what the
 * app's own query API answers once every published record has its outcome. Saves
 * {@code target/screenshots/live-page-app.png}.
 */
class LivePageAppIT {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration GRACE = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    @Test
    void thePageOfARunningBrainShowsItsQueryApisNumbers() throws Exception {
        BrainSettings settings = BrainTestSupport.embedded(dataDir, "--window=" + WINDOW, "--grace=" + GRACE);
        try (BrainApp app = BrainApp.start(settings, Map.of())) {
            BrainTestSupport.awaitHealthy(app);
            FaultCounters sent = publishAnHourOfAFleet(app, settings);
            QueryApiClient api = new QueryApiClient(app.httpUrl());
            await().alias("every published record has its outcome").atMost(BrainTestSupport.TIMEOUT)
                    .until(() -> settled(app.counters(), sent));

            try (HeadlessChromium browser = HeadlessChromium.start()) {
                LivePage page = browser.open(app.httpUrl() + "/?refresh=1");
                await().alias("the page shows what the app's query API answers").atMost(BrainTestSupport.TIMEOUT)
                        .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> PageShowsApi.assertAgrees(page, api));

                // And the dead letters the page shows are the faults the simulator says it injected, for the
                // reasons decided by the record alone: whether a burst lets an event overtake its enterprise's
                // reference data or a timely record fall LATE is for the topology's tests.
                LivePage.View view = page.view();
                for (String reason : new String[] {"DESERIALIZATION", "INVALID"}) {
                    assertEquals(sent.expectedDeadLetters(reason), sum(view, "deadLettered." + reason), "dead letters " + reason + " on the page");
                }

                browser.fitWindowToPage();
                browser.screenshot(Path.of("target/screenshots/live-page-app.png"));
            }
        }
    }

    /** A column of the outcomes table, added up over the input topics. */
    private static long sum(LivePage.View view, String field) {
        return view.outcomeTopics().stream().mapToLong(topic -> Long.parseLong(view.outcome(topic, field).replace(",", ""))).sum();
    }

    /** 24 enterprises of 2 machines, the last hour up to now, sent at once (a frozen clock and no rate limit). */
    private static FaultCounters publishAnHourOfAFleet(BrainApp app, BrainSettings settings) {
        SimulatorSettings fleet = SimulatorSettings.defaults().withEnterprises(24).withDevicesPerEnterprise(2)
                .withHeartbeatInterval(Duration.ofMinutes(5)).withWindow(WINDOW).withGrace(GRACE)
                .withBackfill(Duration.ofHours(1)).withRatePerSecond(Double.POSITIVE_INFINITY)
                .withFaults(FaultRates.parse("duplicate=0.01,malformed=0.002,invalid=0.002,unknown=0.002"));
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(
                new CachedSchemaRegistryClient(new RestSchemaRegistryClient(app.registryUrl())), true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaEventSink.producerConfig(app.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            KafkaEventSink sink = new KafkaEventSink(producer, serializer, settings.topics());
            Simulator simulator = new Simulator(fleet, Clock.fixed(Clock.systemUTC().instant(), ZoneOffset.UTC), sink);
            while (simulator.emitDue() > 0) {
                // a frozen clock: each call sends what is due until nothing is
            }
            simulator.drain();
            assertEquals(0, sink.sendFailures());
            return simulator.faultCounters();
        }
    }

    /** Every input topic balanced and nothing in flight, with as many records consumed as were sent. */
    private static boolean settled(OutcomeCounters counters, FaultCounters sent) {
        long consumed = 0;
        for (OutcomeCounters.TopicOutcomes topic : counters.snapshot().values()) {
            if (!topic.balanced() || topic.inFlight() != 0) {
                return false;
            }
            consumed += topic.consumed();
        }
        return consumed == sent.recordsSent() + sent.referenceRecords();
    }
}
