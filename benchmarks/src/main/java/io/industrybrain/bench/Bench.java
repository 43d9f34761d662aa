package io.industrybrain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.industrybrain.cluster.EmbeddedKafkaCluster;
import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.registry.SchemaRegistryServer;
import io.industrybrain.serde.AvroSerializer;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.simulator.KafkaEventSink;
import io.industrybrain.simulator.Simulator;
import io.industrybrain.simulator.SimulatorRunner;
import io.industrybrain.simulator.SimulatorSettings;
import io.industrybrain.topics.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./brain bench}: over one preloaded backlog per fleet shape, on an embedded broker in this process, each
 * measured process in a JVM of its own and from a cold start with its own consumer group, it measures
 * <ol>
 *   <li>ceiling (a), {@link PlainConsumerCeiling}, and ceiling (b), {@link StreamsCeiling};</li>
 *   <li>the pipeline (the real {@code ./brain run} against the same broker): exactly-once at the default commit
 *       interval (profiled with JFR, then restarted with an empty state directory to time the restore), at a 1 s
 *       commit interval, and at-least-once;</li>
 *   <li>ingest-to-update latency under a steady load at half the pipeline's measured rate;</li>
 *   <li>the settled rate against fleet size;</li>
 * </ol>
 * and writes {@code bench/results/<date>-<name>.json}, a Markdown table (also printed) and the profile summary.
 * Events <em>settled</em> per second count from the first record read to the last record's fate decided: for
 * the pipeline from its outcome counters (accepted, duplicates, dead-lettered).
 */
public final class Bench {

    private static final String PIPELINE_MAIN = "io.industrybrain.app.Brain";
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Duration START_LIMIT = Duration.ofMinutes(5);

    private final BenchOptions options;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private String bootstrap;
    private String registryUrl;
    private SchemaRegistryClient registry;
    private Admin admin;

    private Bench(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args), Path.of(System.getProperty("brain.root", ".")).toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        new Bench(options).run();
        System.exit(0);
    }

    private void run() {
        long started = System.nanoTime();
        try (EmbeddedKafkaCluster broker = new EmbeddedKafkaCluster(options.workDir().resolve("kafka"), 0)) {
            broker.start();
            bootstrap = broker.bootstrapServers();
            try (SchemaRegistryServer server = new SchemaRegistryServer(bootstrap, "_schemas", 0);
                 Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                this.admin = admin;
                server.start();
                registryUrl = server.url();
                registry = new CachedSchemaRegistryClient(new RestSchemaRegistryClient(registryUrl));
                Report report = new Report(options, machine());
                for (BenchOptions.Shape shape : options.shapes()) {
                    report.shape(measureShape(shape, report));
                }
                for (BenchOptions.Shape fleet : options.makes("scaling") ? options.scalingFleets() : List.<BenchOptions.Shape>of()) {
                    Dataset data = preload(fleet);
                    report.scaling(fleet, pipeline(data, "pipeline", List.of(), null));
                }
                report.write(options.resultsDir(), LocalDate.now(ZoneOffset.UTC), (System.nanoTime() - started) / 1e9);
            }
        }
    }

    private ShapeResult measureShape(BenchOptions.Shape shape, Report report) {
        Dataset data = preload(shape);
        List<RunResult> runs = new ArrayList<>();
        if (options.makes("ceiling-consumer")) {
            runs.add(ceilingConsumer(data));
        }
        RunResult ceiling = options.makes("ceiling-streams") ? ceilingStreams(data, "ceiling-streams", "counts") : null;
        if (ceiling != null) {
            runs.add(ceiling);
        }
        if (options.makes("ceiling-streams-devices")) {
            runs.add(ceilingStreams(data, "ceiling-streams-devices", "devices"));
        }
        RunResult pipeline = null;
        Duration restore = null;
        if (options.makes("pipeline")) {
            Path profile = runDir(data, "pipeline").resolveSibling("pipeline.jfr");
            pipeline = pipeline(data, "pipeline", List.of(), profile);
            runs.add(pipeline);
            restore = lastRestore;
            report.profile(shape, ProfileSummary.of(profile, "pipeline, " + shape.name() + " (" + shape.enterprises() + " enterprises x "
                    + shape.devicesPerEnterprise() + " devices), exactly-once, default commit interval"));
        }
        if (options.makes("pipeline-commit-1s")) {
            runs.add(pipeline(data, "pipeline-commit-1s", List.of("--commit.interval=PT1S"), null));
        }
        if (options.makes("pipeline-at-least-once")) {
            runs.add(pipeline(data, "pipeline-at-least-once", List.of("--processing.guarantee=at_least_once"), null));
        }
        double load = pipeline == null ? 0 : pipeline.eventsPerSecond() / 2;
        Map<String, Map<String, Long>> latency = options.makes("latency") && pipeline != null ? latency(data, load) : Map.of();
        return new ShapeResult(data, runs, ceiling, pipeline, load, latency, restore);
    }

    private Dataset preload(BenchOptions.Shape shape) {
        return Dataset.preload(shape, "bench-" + shape.name() + ".", options.eventTime(), options.partitions(), bootstrap, registry,
                options.workDir(), admin);
    }

    private RunResult ceilingConsumer(Dataset data) {
        Path dir = freshRunDir(data, "ceiling-consumer");
        BenchAdmin.deleteTopics(admin, List.of(data.topics().prefix() + "bench.ceiling-out"));
        TopicCreator.ensureTopics(admin, List.of(new TopicNames.TopicSpec(data.topics().prefix() + "bench.ceiling-out", false)),
                options.partitions());
        Path progress = dir.resolve("progress");
        String group = "bench-ceiling-consumer-" + System.currentTimeMillis();
        try (ChildJvm child = ChildJvm.start(dir, options.heap(), null, PlainConsumerCeiling.class.getName(),
                List.of(bootstrap, registryUrl, data.topics().prefix(), group, progress.toString()))) {
            return measure("ceiling-consumer", data, child, () -> ProgressFile.read(progress), null);
        }
    }

    private RunResult ceilingStreams(Dataset data, String label, String state) {
        Path dir = freshRunDir(data, label);
        String appId = "bench-" + label + "-" + data.shape().name();
        BenchAdmin.resetApplication(admin, appId);
        Path progress = dir.resolve("progress");
        try (ChildJvm child = ChildJvm.start(dir, options.heap(), null, StreamsCeiling.class.getName(),
                List.of(bootstrap, registryUrl, data.topics().prefix(), appId, dir.resolve("state").toString(), "exactly_once_v2",
                        "default", Integer.toString(options.streamThreads()), WINDOW.toString(), GRACE.toString(), progress.toString(), state))) {
            RunResult result = measure(label, data, child, () -> ProgressFile.read(progress), dir.resolve("state"));
            child.stop();
            BenchAdmin.deleteTopicsStartingWith(admin, appId + "-");
            return result;
        }
    }

    /** The restore time of the last pipeline run that measured one. */
    private Duration lastRestore;

    /**
     * The real app over the data set, its outputs and internal topics deleted first. With a profile, the run is
     * recorded with JFR and afterwards restarted with an empty state directory, to time the restore.
     */
    private RunResult pipeline(Dataset data, String label, List<String> settings, Path profile) {
        TopicNames topics = data.topics();
        String appId = "bench-" + label + "-" + data.shape().name();
        // the ledger too: an earlier run's rows under the same application id would read as this run's input settled
        BenchAdmin.deleteTopics(admin, List.of(topics.metrics(), topics.metricsFinal(), topics.metricsPeriods(), topics.deadLetters(),
                topics.outcomes()));
        BenchAdmin.resetApplication(admin, appId);
        Path dir = freshRunDir(data, label);
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("run", "--bootstrap.servers=" + bootstrap, "--schema.registry.url=" + registryUrl,
                "--topic.prefix=" + topics.prefix(), "--application.id=" + appId, "--simulator=off", "--http.port=" + port,
                "--data.dir=" + dir.resolve("data"), "--partitions=" + options.partitions(),
                "--stream.threads=" + options.streamThreads(), "--window=" + WINDOW, "--grace=" + GRACE));
        args.addAll(settings);
        RunResult result;
        try (ChildJvm child = ChildJvm.start(dir, options.heap(), profile, PIPELINE_MAIN, args)) {
            result = measure(label, data, child, () -> outcomes(port, topics), dir.resolve("data").resolve("streams"));
            child.stop();
        }
        if (profile != null) {
            lastRestore = restore(dir, args, port);
        }
        BenchAdmin.deleteTopicsStartingWith(admin, appId + "-");
        return result;
    }

    /** Starts the app again on an empty state directory and times it until /health answers 200. */
    private Duration restore(Path dir, List<String> args, int port) {
        deleteRecursively(dir.resolve("data").resolve("streams"));
        long started = System.nanoTime();
        try (ChildJvm child = ChildJvm.start(dir.resolve("restore"), options.heap(), null, PIPELINE_MAIN, args)) {
            while (System.nanoTime() - started < START_LIMIT.toNanos()) {
                if (!child.alive()) {
                    throw new IllegalStateException("the restarted pipeline died:\n" + child.tail());
                }
                if (healthy(port)) {
                    Duration restore = Duration.ofNanos(System.nanoTime() - started);
                    System.out.printf("  restore from the changelogs with an empty state directory: %.1f s%n", restore.toMillis() / 1000.0);
                    child.stop();
                    return restore;
                }
                pause(100);
            }
            throw new IllegalStateException("the restarted pipeline was not healthy after " + START_LIMIT + ":\n" + child.tail());
        }
    }

    private RunResult measure(String run, Dataset data, ChildJvm child, Supplier<long[]> progress, Path stateDir) {
        long waitStarted = System.nanoTime();
        long first = -1;
        long[] now;
        long at;
        while (true) {
            if (!child.alive()) {
                throw new IllegalStateException(run + " stopped before it settled its input:\n" + child.tail());
            }
            now = progress.get();
            at = System.nanoTime();
            if (first < 0 && now[0] > 0) {
                first = at;
            }
            if (now[1] >= data.events()) {
                break;
            }
            if (first >= 0 && at - first > options.maxRun().toNanos()) {
                break;
            }
            if (first < 0 && at - waitStarted > START_LIMIT.toNanos()) {
                throw new IllegalStateException(run + " read nothing within " + START_LIMIT + ":\n" + child.tail());
            }
            pause(100);
        }
        ChildJvm.Usage usage = child.usage();
        RunResult result = new RunResult(run, data.events(), now[1], (at - first) / 1e9, now[1] >= data.events(), usage,
                stateDir == null ? 0 : sizeOf(stateDir));
        System.out.printf("%-14s %-24s %,12d of %,d events settled in %6.1f s: %,9.0f/s%s, %.0f CPU s, peak heap %d MiB%n",
                data.shape().name(), run, result.settled(), result.events(), result.seconds(), result.eventsPerSecond(),
                result.complete() ? "" : " (stopped at the time limit)", usage.cpuSeconds(), usage.peakHeapBytes() >> 20);
        return result;
    }

    /**
     * The app under a steady load at {@code rate} events per second, published live by the simulator to topics
     * of their own, and the latency of its ENTERPRISE and PROVINCE updates after a warm-up.
     */
    private Map<String, Map<String, Long>> latency(Dataset data, double rate) {
        BenchOptions.Shape shape = data.shape();
        TopicNames topics = new TopicNames("bench-" + shape.name() + "-live.");
        String appId = "bench-latency-" + shape.name();
        BenchAdmin.deleteTopics(admin, BenchAdmin.names(topics));
        BenchAdmin.resetApplication(admin, appId);
        TopicCreator.ensureTopics(admin, topics.all(), options.partitions());
        Path dir = freshRunDir(data, "latency");
        int port = freePort();
        List<String> args = List.of("run", "--bootstrap.servers=" + bootstrap, "--schema.registry.url=" + registryUrl,
                "--topic.prefix=" + topics.prefix(), "--application.id=" + appId, "--simulator=off", "--http.port=" + port,
                "--data.dir=" + dir.resolve("data"), "--partitions=" + options.partitions(),
                "--stream.threads=" + options.streamThreads(), "--window=" + WINDOW, "--grace=" + GRACE);
        try (ChildJvm child = ChildJvm.start(dir, options.heap(), null, PIPELINE_MAIN, args)) {
            long started = System.nanoTime();
            while (!healthy(port)) {
                if (!child.alive() || System.nanoTime() - started > START_LIMIT.toNanos()) {
                    throw new IllegalStateException("the latency run's pipeline did not start:\n" + child.tail());
                }
                pause(100);
            }
            SimulatorSettings load = SimulatorSettings.defaults().withEnterprises(shape.enterprises())
                    .withDevicesPerEnterprise(shape.devicesPerEnterprise()).withRatePerSecond(rate).withBackfill(Duration.ofDays(1));
            Duration warmUp = options.latencyLoad().dividedBy(4);
            Map<String, Map<String, Long>> summary;
            long sent;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaEventSink.producerConfig(bootstrap),
                    new StringSerializer(), new ByteArraySerializer())) {
                KafkaEventSink sink = new KafkaEventSink(producer, new AvroSerializer<SpecificRecord>(registry, true), topics);
                Simulator simulator = new Simulator(load, Clock.systemUTC(), sink);
                try (LatencyProbe probe = new LatencyProbe(bootstrap, registry, topics.metrics(),
                        System.currentTimeMillis() + warmUp.toMillis())) {
                    try (SimulatorRunner runner = new SimulatorRunner(simulator)) {
                        runner.start();
                        pause(options.latencyLoad().toMillis());
                    }
                    sent = simulator.faultCounters().recordsSent();
                    pause(3_000);
                    summary = probe.summary();
                }
            }
            System.out.printf("%-14s latency at %,.0f events/s (%,d records sent): %s%n", shape.name(), rate, sent, summary);
            child.stop();
            BenchAdmin.deleteTopics(admin, BenchAdmin.names(topics));
            BenchAdmin.deleteTopicsStartingWith(admin, appId + "-");
            return summary;
        }
    }

    /** {consumed, settled} of the four event topics from the app's /api/outcomes; zeros while it does not answer. */
    private long[] outcomes(int port, TopicNames topics) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/outcomes"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new long[] {0, 0};
            }
            JsonNode all = json.readTree(response.body()).path("topics");
            long consumed = 0;
            long settled = 0;
            for (String topic : topics.eventTopics()) {
                JsonNode outcomes = all.path(topic);
                consumed += outcomes.path("consumed").asLong();
                settled += outcomes.path("accepted").asLong() + outcomes.path("duplicates").asLong();
                for (JsonNode reason : outcomes.path("deadLettered")) {
                    settled += reason.asLong();
                }
            }
            return new long[] {consumed, settled};
        } catch (IOException e) {
            return new long[] {0, 0};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean healthy(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Path runDir(Dataset data, String run) {
        return options.workDir().resolve("runs").resolve(data.shape().name()).resolve(run);
    }

    private Path freshRunDir(Dataset data, String run) {
        Path dir = runDir(data, run);
        deleteRecursively(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        machine.put("memory_gib", memory == null ? null : Math.round(Long.parseLong(memory.replaceAll("[^0-9]", "")) / 1048576.0));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("kafka", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        machine.put("broker", "embedded single-node KRaft broker in the benchmark's own JVM, on the same machine");
        return machine;
    }

    private static String firstValue(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    static long sizeOf(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
