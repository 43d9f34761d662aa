package io.industrybrain.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page of a running brain: the app on its embedded broker and registry, the plan's targets
 * loaded, an hour of a simulated fleet published (faults included), and the page in headless Chromium
 * showing what the app's own query API answers once every published record has its outcome, roll-ups
 * included. Saves {@code target/screenshots/live-page.png}; with {@code -Dscreenshots.update=true} also
 * the README's {@code docs/images/live-page.png}.
 */
class LivePageAppIT {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final Path PLAN = Path.of("../targets/plan-2025.json");
    /** A number as the page writes it; not "—" (null) or "suppressed" (a group too small). */
    private static final Pattern PUBLISHED = Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?%?");

    @TempDir
    Path dataDir;

    @Test
    void thePageOfARunningBrainShowsItsQueryApisNumbers() throws Exception {
        BrainSettings settings = BrainTestSupport.embedded(dataDir, "--window=" + WINDOW, "--grace=" + GRACE);
        try (BrainApp app = BrainApp.start(settings, Map.of())) {
            BrainTestSupport.awaitHealthy(app);
            int targets = loadThePlansTargets(app);
            FaultCounters sent = publishAnHourOfAFleet(app, settings);
            QueryApiClient api = new QueryApiClient(app.httpUrl());
            await().alias("every published record has its outcome").atMost(BrainTestSupport.TIMEOUT)
                    .until(() -> settled(app.counters(), sent.recordsSent() + sent.referenceRecords() + targets));

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

                theRollUpsAreInThePicture(view);

                browser.fitWindowToPage();
                int shown = page.view().refreshes();
                await().alias("a refresh after the resize").atMost(BrainTestSupport.TIMEOUT).until(() -> page.view().refreshes() > shown);
                browser.screenshotForReadme("live-page");
            }
        }
    }

    /**
     * The province, and some cities and chains, with published numbers: the page agreeing with an API
     * that had no roll-ups yet would be a picture of dashes.
     */
    private static void theRollUpsAreInThePicture(LivePage.View view) {
        assertFalse(view.visible("province-empty"), view.text("province-empty"));
        assertTrue(PUBLISHED.matcher(view.indicator("annualizedLaborProductivity", "latest")).matches(),
                "province labour productivity: " + view.indicator("annualizedLaborProductivity", "latest"));
        for (String table : new String[] {"region-table", "chain-table"}) {
            List<String> published = view.scopeIds(table).stream()
                    .filter(id -> PUBLISHED.matcher(view.scopeCell(table, id, "availability")).matches()).toList();
            assertFalse(published.isEmpty(), table + ": no row with a published availability among " + view.scopeIds(table));
        }
    }

    /** A column of the outcomes table, added up over the input topics. */
    private static long sum(LivePage.View view, String field) {
        return view.outcomeTopics().stream().mapToLong(topic -> Long.parseLong(view.outcome(topic, field).replace(",", ""))).sum();
    }

    /** {@code ./brain targets load targets/plan-2025.json}, as the README says; returns how many targets it published. */
    private static int loadThePlansTargets(BrainApp app) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        int code = Brain.run(List.of("targets", "load", PLAN.toString(), "--bootstrap.servers=" + app.bootstrapServers(),
                "--schema.registry.url=" + app.registryUrl()), Map.of(), out, out);
        assertEquals(Brain.EXIT_OK, code, output.toString(StandardCharsets.UTF_8));
        return TargetsFile.read(PLAN).size();
    }

    /**
     * 96 enterprises of 2 machines (enough for most cities and chains to reach the minimum group size),
     * sent at once (a frozen clock and no rate limit): the six whole windows before the current one, so
     * that the page shows whole windows rather than the first seconds of one.
     */
    private static FaultCounters publishAnHourOfAFleet(BrainApp app, BrainSettings settings) {
        Instant now = Instant.now();
        Instant currentWindow = now.minusMillis(now.toEpochMilli() % WINDOW.toMillis());
        Instant end = currentWindow.minusMillis(1);
        SimulatorSettings fleet = SimulatorSettings.defaults().withEnterprises(96).withDevicesPerEnterprise(2)
                .withHeartbeatInterval(Duration.ofMinutes(5)).withWindow(WINDOW).withGrace(GRACE)
                .withBackfill(Duration.ofHours(1).minusMillis(1)).withRatePerSecond(Double.POSITIVE_INFINITY)
                .withFaults(FaultRates.parse("duplicate=0.01,malformed=0.002,invalid=0.002,unknown=0.002"));
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(
                new CachedSchemaRegistryClient(new RestSchemaRegistryClient(app.registryUrl())), true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaEventSink.producerConfig(app.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            KafkaEventSink sink = new KafkaEventSink(producer, serializer, settings.topics());
            Simulator simulator = new Simulator(fleet, Clock.fixed(end, ZoneOffset.UTC), sink);
            while (simulator.emitDue() > 0) {
                // a frozen clock: each call sends what is due until nothing is
            }
            simulator.drain();
            assertEquals(0, sink.sendFailures());
            return simulator.faultCounters();
        }
    }

    /** Every input topic balanced and nothing in flight, with as many records consumed as were sent. */
    private static boolean settled(OutcomeCounters counters, long sent) {
        long consumed = 0;
        for (OutcomeCounters.TopicOutcomes topic : counters.snapshot().values()) {
            if (!topic.balanced() || topic.inFlight() != 0) {
                return false;
            }
            consumed += topic.consumed();
        }
        return consumed == sent;
    }
}
