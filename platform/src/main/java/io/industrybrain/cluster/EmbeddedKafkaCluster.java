package io.industrybrain.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster inside this JVM: one KRaft process that is both broker and
 * controller, built from Kafka's own server code. No ZooKeeper, no container.
 *
 * <p>Clients connect to {@code localhost:<port>}; the controller quorum listens on a second,
 * freely chosen port that clients never see. The log directory is formatted on the first start
 * (a fresh cluster id goes into its {@code meta.properties}); a later start on the same directory
 * finds the topics, records and committed offsets it left.
 *
 * <p>Settings suit one node: internal topics (consumer offsets, transaction state, share-group
 * state) have replication factor 1 and min ISR 1, so exactly-once Kafka Streams applications
 * run; the first consumer-group rebalance is not delayed; topics are never created implicitly.
 * Under slf4j-simple the broker logs at WARN (see {@link QuietBrokerLogging}).
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Internal topics are few and small on one node; Kafka's 50 partitions only slow the first group down. */
    private static final int INTERNAL_TOPIC_PARTITIONS = 5;
    /** The log cleaner's dedupe map; Kafka's 128 MiB default is sized for big production topics. */
    private static final int CLEANER_DEDUPE_BUFFER_BYTES = 16 * 1024 * 1024;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDir;
    private final int requestedPort;

    private KafkaRaftServer server;
    private int port;
    private boolean closed;

    /**
     * @param logDir where the broker keeps its data and metadata; created and formatted if new
     * @param port   the port clients connect to, 0 to pick a free one
     */
    public EmbeddedKafkaCluster(Path logDir, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        this.logDir = Objects.requireNonNull(logDir, "logDir").toAbsolutePath();
        this.requestedPort = port;
    }

    /**
     * Starts the broker and returns once it accepts requests.
     *
     * @throws PortInUseException when the requested port is taken
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("This embedded Kafka cluster was closed; create a new one on the same log dir");
        }
        if (server != null) {
            throw new IllegalStateException("The embedded Kafka cluster is already running at " + bootstrapServers());
        }
        QuietBrokerLogging.applyUnderSlf4jSimple();
        int brokerPort = requestedPort;
        if (brokerPort == 0) {
            brokerPort = LocalPorts.pickFree();
        } else {
            LocalPorts.requireFree(brokerPort);
        }
        int controllerPort = LocalPorts.pickFreeOtherThan(brokerPort);

        KafkaConfig config = new KafkaConfig(settings(brokerPort, controllerPort), false);
        String clusterId = KraftLogDir.formatUnlessFormatted(logDir, config, CONTROLLER_LISTENER);
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
            server = starting;
            port = brokerPort;
            ClusterReachability.awaitReachable(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), READY_TIMEOUT);
        } catch (RuntimeException e) {
            server = null;
            shutDown(starting);
            throw new IllegalStateException("The embedded Kafka broker on " + logDir + " did not start", e);
        }
        log.info("Embedded Kafka broker of cluster {} listening at {} (data in {})", clusterId, bootstrapServers(), logDir);
    }

    /** Where clients connect, e.g. {@code localhost:9092}. */
    public synchronized String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("The embedded Kafka cluster is not running");
        }
        return LocalPorts.HOST + ":" + port;
    }

    /** Shuts the broker down cleanly; the data stays in the log dir. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        shutDown(stopping);
        log.info("Embedded Kafka broker stopped (data kept in {})", logDir);
    }

    private static void shutDown(KafkaRaftServer raftServer) {
        raftServer.shutdown();
        raftServer.awaitShutdown();
    }

    /** Spelled as in server.properties: these names are Kafka's public interface, its constants' classes are not. */
    private Map<String, String> settings(int brokerPort, int controllerPort) {
        Map<String, String> settings = new HashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(NODE_ID));
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        // A static quorum: the voter's address lives only in this setting, not in the metadata log,
        // so a restart may pick another controller port.
        settings.put("controller.quorum.voters", NODE_ID + "@" + LocalPorts.HOST + ":" + controllerPort);
        settings.put("listeners",
                BROKER_LISTENER + "://" + LocalPorts.HOST + ":" + brokerPort + ","
                        + CONTROLLER_LISTENER + "://" + LocalPorts.HOST + ":" + controllerPort);
        settings.put("advertised.listeners",
                BROKER_LISTENER + "://" + LocalPorts.HOST + ":" + brokerPort);
        settings.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        settings.put("inter.broker.listener.name", BROKER_LISTENER);
        settings.put("log.dirs", logDir.toString());
        settings.put("server.max.startup.time.ms", String.valueOf(READY_TIMEOUT.toMillis()));

        settings.put("auto.create.topics.enable", "false");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("group.streams.initial.rebalance.delay.ms", "0");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("share.coordinator.state.topic.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(CLEANER_DEDUPE_BUFFER_BYTES));
        return settings;
    }
}
