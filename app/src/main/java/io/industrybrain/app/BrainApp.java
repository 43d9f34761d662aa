package io.industrybrain.app;

import io.industrybrain.app.http.HttpApi;
import io.industrybrain.app.http.StaticFiles;
import io.industrybrain.app.observability.Observability;
import io.industrybrain.app.query.ClusterOutcomes;
import io.industrybrain.app.query.PeriodHistory;
import io.industrybrain.app.query.QueryApi;
import io.industrybrain.cluster.ClusterReachability;
import io.industrybrain.cluster.ClusterUnreachableException;
import io.industrybrain.cluster.EmbeddedKafkaCluster;
import io.industrybrain.cluster.KafkaClientSettings;
import io.industrybrain.cluster.TopicCreator;
import io.industrybrain.registry.SchemaRegistryServer;
import io.industrybrain.serde.CachedSchemaRegistryClient;
import io.industrybrain.serde.RestSchemaRegistryClient;
import io.industrybrain.schema.MetricTarget;
import io.industrybrain.serde.SchemaRegistryClient;
import io.industrybrain.serde.SubjectNames;
import io.industrybrain.simulator.SimulatorSettings;
import io.industrybrain.streams.topology.OutcomeCounters;
import io.industrybrain.streams.topology.TopologyNames;
import io.industrybrain.streams.topology.TopologySettings;
import io.industrybrain.streams.topology.deadletter.DeadLetterWriter;
import io.industrybrain.streams.topology.window.OpenWindows;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running industry brain: the embedded broker and registry when no cluster is named, the
 * topics, the Kafka Streams application and the HTTP endpoints. Starts in that order and closes in
 * the reverse order; a setting that makes a part unusable stops start-up with a
 * {@link SettingException} naming it.
 */
public final class BrainApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrainApp.class);
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);
    /** How often the demo saves how far its fleet has got: what a crash makes it send twice. */
    private static final Duration DEMO_PROGRESS_EVERY = Duration.ofSeconds(1);
    /** How much past the demo simulates at start: two whole windows' worth by default. */
    private static final Duration DEMO_HISTORY = Duration.ofHours(2);
    /** One sample per machine every 5 minutes keeps the demo's backfill short on a laptop. */
    private static final Duration DEMO_SAMPLE_INTERVAL = Duration.ofMinutes(5);
    /** The plan's 2025 targets, shipped with the project; the demo runs from its root. */
    private static final Path DEMO_TARGETS = Path.of("targets", "plan-2025.json");

    private final BrainSettings settings;
    private final OutcomeCounters counters = new OutcomeCounters();
    private final OpenWindows openWindows = new OpenWindows();
    private final Clock clock = Clock.systemUTC();
    private final StartedParts running = new StartedParts();
    private String bootstrapServers;
    /** Every Kafka client's settings, against {@link #bootstrapServers} once it is known. */
    private KafkaClientSettings clients;
    private String registryUrl;
    /** What the dead-letter topic takes, read at start: a larger letter is written without its record. */
    private int deadLetterMaxBytes;
    private RestSchemaRegistryClient restRegistry;
    private SchemaRegistryClient registry;
    private KafkaStreams streams;
    /** The period records in Kafka Streams' store, for the query API and the year-to-date gauges alike. */
    private PeriodHistory periods;
    private DeletedTopicWatch topicWatch;
    private Observability observability;
    private HttpApi http;
    private volatile Runnable onFailure = () -> { };
    private final AtomicBoolean failed = new AtomicBoolean();

    private BrainApp(BrainSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts everything; on failure, closes what had started and rethrows.
     *
     * @param streamsOverrides Kafka Streams properties that win over the app's (tests shorten intervals)
     */
    public static BrainApp start(BrainSettings settings, Map<String, Object> streamsOverrides) {
        BrainApp app = new BrainApp(settings);
        try {
            app.startAll(streamsOverrides);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void startAll(Map<String, Object> streamsOverrides) {
        requirePortFree(Setting.HTTP_PORT, settings.httpPort());
        if (settings.embedded()) {
            startEmbeddedBroker();
        } else {
            bootstrapServers = settings.bootstrapServers().orElseThrow();
        }
        clients = settings.kafkaClients().withBootstrapServers(bootstrapServers);
        requireReachable(clients);
        int intakeTasks;
        try (Admin admin = Admin.create(clients.forAdmin(Map.of()))) {
            TopicCreator.ensureTopics(admin, settings.topics().all(), settings.topology().partitions());
            intakeTasks = TopicCreator.maxPartitions(admin, settings.topics().eventTopics());
            deadLetterMaxBytes = TopicCreator.maxMessageBytes(admin, settings.topics().deadLetters());
            requireWindowStagePartitionsUnchanged(admin);
        }
        if (settings.schemaRegistryUrl().isPresent()) {
            registryUrl = settings.schemaRegistryUrl().get();
        } else {
            startEmbeddedRegistry();
        }
        restRegistry = new RestSchemaRegistryClient(registryUrl, settings.registryAccess());
        if (settings.schemaRegistryUrl().isPresent()) {
            requireRegistryAnswers(restRegistry, registryUrl);
        }
        registry = new CachedSchemaRegistryClient(restRegistry);
        // One intake task per partition of the event topics: the window stage waits for all of them.
        TopologySettings topology = settings.topology().withIntakeTasks(intakeTasks);
        CommittedInputLag inputLag = CommittedInputLag.start(clients, settings.applicationId(), settings.topics().eventTopics(),
                topology.progress().markerInterval());
        running.add(inputLag);
        topicWatch = DeletedTopicWatch.start(clients, settings.applicationId() + "-topic-watch", settings.topics().usedByTheApp(),
                topic -> fail(DeletedTopicWatch.stopReason(topic)));
        running.add(topicWatch);
        startStreams(BrainTopologies.build(topology, registry, counters, openWindows, inputLag, clock), streamsOverrides);
        periods = PeriodHistory.of(() -> streams, registry, settings.topics());
        observability = Observability.start(topology, settings.applicationId(), clients, registry, streams, periods, counters,
                openWindows, clock);
        running.add(observability);
        startHttp();
        if (settings.simulator()) {
            startSimulator(registry);
        }
    }

    /**
     * The demo fleet: the default simulated province, backfilled from the last whole windows (or from
     * where the previous run stopped) so that final records appear within a minute of start.
     */
    private void startSimulator(SchemaRegistryClient registry) {
        SimulationProgress progress = new SimulationProgress(settings.dataDir());
        Instant now = clock.instant();
        Instant from = progress.startFrom(now, DEMO_HISTORY, settings.topology().window());
        Duration backfill = Duration.between(from, now);
        SimulatorSettings demo = SimulatorSettings.defaults().withSampleInterval(DEMO_SAMPLE_INTERVAL)
                .withWindow(settings.topology().window()).withGrace(settings.topology().grace()).withBackfill(backfill);
        loadPlanTargetsIntoAnEmptyDemo(registry);
        FleetSimulation simulation = FleetSimulation.start(demo, clients, registry, settings.topics(), clock, from);
        simulation.keepProgress(progress, DEMO_PROGRESS_EVERY);
        running.add(simulation);
        LOG.info("simulated fleet of {} enterprises publishing from {} (backfill {})", demo.enterprises(), from, backfill);
    }

    private void startEmbeddedBroker() {
        requirePortFree(Setting.BROKER_PORT, settings.brokerPort());
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new SettingException(Setting.DATA_DIR.key(), "cannot create " + settings.dataDir() + ": " + e.getMessage());
        }
        EmbeddedKafkaCluster broker = new EmbeddedKafkaCluster(settings.dataDir().resolve("kafka"), settings.brokerPort());
        running.add(broker);
        broker.start();
        bootstrapServers = broker.bootstrapServers();
        LOG.info("embedded Kafka broker (KRaft) listening on {}", bootstrapServers);
    }

    private void startEmbeddedRegistry() {
        requirePortFree(Setting.REGISTRY_PORT, settings.registryPort());
        SchemaRegistryServer server = new SchemaRegistryServer(clients, settings.topics().schemas(), settings.registryPort());
        running.add(server);
        server.start();
        registryUrl = server.url();
        LOG.info("embedded schema registry listening on {}", registryUrl);
    }

    private void startStreams(Topology topology, Map<String, Object> overrides) {
        Properties props = new Properties();
        // The operator's first: none of them is one the app sets below, which the settings refuse by name.
        props.putAll(clients.all());
        props.putAll(settings.kafkaStreams().all());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        settings.commitInterval().ifPresent(interval -> props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, interval.toMillis()));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.dataDir().resolve("streams").toString());
        props.putAll(BrainTopologies.streamsProperties());
        props.put(DeadLetterWriter.MAX_BYTES_CONFIG, deadLetterMaxBytes);
        props.putAll(overrides);
        streams = new KafkaStreams(topology, props);
        KafkaStreams started = streams;
        // Leaving the group on a clean stop lets the next start (or another instance) take the
        // partitions at once instead of after the session timeout of the member that left.
        running.add(() -> started.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30))));
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            // PENDING_ERROR, not ERROR: Kafka Streams has decided to stop, and its own shutdown has been seen to hang;
            // the failure handler has said why, and this stops the app if anything failed past it
            if (now == KafkaStreams.State.PENDING_ERROR) {
                fail(StreamThreadFailures.STOPPED_FOR_GOOD);
            }
        });
        streams.setUncaughtExceptionHandler(new StreamThreadFailures(settings.dataDir(), topicWatch::deletedNow, this::fail));
        streams.start();
    }

    /**
     * The demo shows progress against the plan: on its first run the plan's 2025 targets are loaded, as
     * {@code ./brain targets load} would. Later runs find the topic holding them (or an operator's own) and leave it.
     */
    private void loadPlanTargetsIntoAnEmptyDemo(SchemaRegistryClient registry) {
        if (!Files.isReadable(DEMO_TARGETS)) {
            return;
        }
        String topic = settings.topics().targets();
        try (Admin admin = Admin.create(clients.forAdmin(Map.of()))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int p = 0; p < TopicCreator.maxPartitions(admin, List.of(topic)); p++) {
                ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long records = admin.listOffsets(ends).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
            if (records > 0) {
                return;
            }
        } catch (ExecutionException e) {
            throw new KafkaException("cannot read the end of " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
        List<MetricTarget> targets = TargetsFile.read(DEMO_TARGETS);
        registry.register(SubjectNames.forTopic(topic, false), MetricTarget.getClassSchema());
        LoadTargetsCommand.publish(clients, registry, topic, targets);
        LOG.info("demo: loaded the plan's {} targets from {} to {}", targets.size(), DEMO_TARGETS, topic);
    }

    /**
     * Runs once, when the app can no longer do its work: Kafka Streams has stopped for good, or a topic it reads or
     * writes was deleted. The owner of the app should close it, which bounds how long a stuck part may take.
     */
    public void onFailure(Runnable action) {
        this.onFailure = action;
    }

    /** Says once why the app stops, and has its owner stop it. */
    private void fail(String why) {
        if (failed.compareAndSet(false, true)) {
            LOG.error("stopping: {}", why);
            onFailure.run();
        }
    }

    private void startHttp() {
        try {
            http = new HttpApi(settings.httpPort(), settings.httpTls(), settings.httpToken());
        } catch (BindException e) {
            throw new SettingException(Setting.HTTP_PORT.key(), "port " + settings.httpPort() + " is in use");
        } catch (IOException e) {
            throw new SettingException(Setting.HTTP_PORT.key(), "cannot listen: " + e.getMessage());
        }
        running.add(http);
        http.route("/health", new HealthCheck(() -> streams.state(), restRegistry));
        http.route("/metrics", observability.metricsRoute());
        new QueryApi(observability.view(), periods, observability.enterprises(), observability.outcomes()).register(http);
        http.route("/", new StaticFiles("web"));
        http.start();
    }

    /**
     * The window stage's topic keeps the partition count of the first run, and the roll-ups wait for exactly
     * that many partitions: a changed {@code partitions} would stop Kafka Streams long after start-up. State of a
     * version before the window stage's present layout (its by-enterprise topic) is refused by name too: the new
     * topology would not read it, and the events it still held would be lost.
     */
    private void requireWindowStagePartitionsUnchanged(Admin admin) {
        String prefix = settings.applicationId() + "-";
        String byEnterprise = prefix + TopologyNames.EVENTS_BY_ENTERPRISE + "-repartition";
        String earlierLayout = prefix + TopologyNames.step("by-enterprise") + "-repartition";
        try {
            Set<String> names = admin.listTopics().names().get();
            if (names.contains(earlierLayout)) {
                Setting owner = settings.embedded() ? Setting.DATA_DIR : Setting.APPLICATION_ID;
                throw new SettingException(owner.key(), "holds the state of an earlier version of industry brain (topic " + earlierLayout
                        + "), which this one cannot read; " + (settings.embedded() ? "start with a new data.dir" : "use a new application.id")
                        + " (and replay the input) or delete that state");
            }
            if (!names.contains(byEnterprise)) {
                return;
            }
            int existing = TopicCreator.maxPartitions(admin, List.of(byEnterprise));
            if (existing != settings.topology().partitions()) {
                throw new SettingException(Setting.PARTITIONS.key(), "is " + settings.topology().partitions() + " but the data of earlier runs has "
                        + existing + " (topic " + byEnterprise + "); keep " + existing + " or start with a new data.dir/application");
            }
        } catch (ExecutionException e) {
            throw new KafkaException("cannot list topics at " + bootstrapServers, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    /** Stops start-up by name when no broker answers, instead of clients retrying forever. */
    static void requireReachable(KafkaClientSettings clients) {
        try {
            ClusterReachability.awaitReachable(clients.forAdmin(Map.of()), REACH_TIMEOUT);
        } catch (ClusterUnreachableException e) {
            // a client that cannot be made was never asked to reach anything: the settings are at fault, not the cluster
            if (e.getCause() != null && e.getCause().getCause() instanceof ConfigException refused) {
                throw new SettingException("kafka.*", "Kafka's clients refuse these settings: " + refused.getMessage());
            }
            // Kafka's messages name the mechanism and the reason, never the credentials
            if (e.getCause() instanceof SslAuthenticationException tls) {
                throw new SettingException("kafka.ssl.truststore.location",
                        "the TLS handshake with the Kafka cluster at " + clients.bootstrapServers() + " failed: " + tls.getMessage());
            }
            if (e.getCause() instanceof AuthenticationException refused) {
                throw new SettingException("kafka.sasl.jaas.config",
                        "the Kafka cluster at " + clients.bootstrapServers() + " refused the credentials: " + refused.getMessage());
            }
            throw new SettingException(Setting.BOOTSTRAP_SERVERS.key(),
                    "no Kafka broker answered at " + clients.bootstrapServers() + " within " + REACH_TIMEOUT.toSeconds() + " s");
        }
    }

    /** Fails early and by name, before a component half-starts on a taken port. */
    private static void requirePortFree(Setting setting, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new SettingException(setting.key(), "port " + port + " is in use");
        }
    }

    /** Stops start-up by name when the registry does not answer like a schema registry, or refuses the credentials. */
    static void requireRegistryAnswers(RestSchemaRegistryClient registry, String registryUrl) {
        try {
            int status = registry.subjectsStatus(Duration.ofSeconds(5));
            if (status == 401 || status == 403) {
                throw new SettingException(Setting.SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO.key(),
                        registryUrl + " answered HTTP " + status + " to GET /subjects: credentials missing or refused");
            }
            if (status != 200) {
                throw new SettingException(Setting.SCHEMA_REGISTRY_URL.key(),
                        registryUrl + " answered HTTP " + status + " to GET /subjects: not a schema registry?");
            }
        } catch (IOException e) {
            throw new SettingException(Setting.SCHEMA_REGISTRY_URL.key(), "no answer from " + registryUrl + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SettingException(Setting.SCHEMA_REGISTRY_URL.key(), "interrupted while reaching " + registryUrl);
        }
    }

    public String bootstrapServers() { return bootstrapServers; }

    public String registryUrl() { return registryUrl; }

    /** A caching client of the registry the app uses. */
    public SchemaRegistryClient registryClient() { return registry; }

    public String httpUrl() { return http.url(); }

    public KafkaStreams streams() { return streams; }

    /** This process's outcome counts, for rates. */
    public OutcomeCounters counters() { return counters; }

    /** The cluster's outcome totals, as {@code /api/outcomes} answers them. */
    public ClusterOutcomes outcomes() { return observability.outcomes(); }

    /** Closes everything that started, newest first; safe to call twice. */
    @Override
    public void close() {
        running.close();
    }
}
