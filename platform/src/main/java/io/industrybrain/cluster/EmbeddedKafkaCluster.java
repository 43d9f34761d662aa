package io.industrybrain.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster inside this JVM, built from Kafka's own server code: one KRaft node by default
 * (the embedded product), or several ({@link #ofNodes}) for tests that lose a broker. Every node is
 * both broker and controller. No ZooKeeper, no container.
 *
 * <p>Clients connect to {@code localhost:<port>} of any node; the controller quorum listens on a
 * second, freely chosen port per node that clients never see. A node's log directory is formatted on
 * its first start (one cluster id for all nodes, in each {@code meta.properties}); a later start on
 * the same directory finds the topics, records and committed offsets it left.
 *
 * <p>Replication suits the size: with one node every topic, including the internal ones (consumer
 * offsets, transaction state, share-group state), has replication factor 1 and min ISR 1, so
 * exactly-once Kafka Streams applications run; with three or more nodes replication factor 3 and
 * min ISR 2, as a production cluster has, so one node may stop without a write being refused. The
 * first consumer-group rebalance is not delayed; topics are never created implicitly. Under
 * slf4j-simple the brokers log at WARN (see {@link QuietBrokerLogging}).
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String SECURED_LISTENER = "SECURED";
    /** Kafka's login module for SCRAM on the broker side; the users are SCRAM credentials in the metadata log. */
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
    /** Internal topics are few and small here; Kafka's 50 partitions only slow the first group down. */
    private static final int INTERNAL_TOPIC_PARTITIONS = 5;
    /** The log cleaner's dedupe map; Kafka's 128 MiB default is sized for big production topics. */
    private static final int CLEANER_DEDUPE_BUFFER_BYTES = 16 * 1024 * 1024;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDir;
    private final int requestedPort;
    private final int nodeCount;

    /** Node id to its ports and server; ports are fixed at the first start: the static quorum names them. */
    private final Map<Integer, Node> nodes = new TreeMap<>();
    private boolean started;
    private boolean closed;
    private SaslSslListener secured;

    /**
     * One node, the embedded product's broker.
     *
     * @param logDir where the broker keeps its data and metadata; created and formatted if new
     * @param port   the port clients connect to, 0 to pick a free one
     */
    public EmbeddedKafkaCluster(Path logDir, int port) {
        this(logDir, port, 1);
    }

    private EmbeddedKafkaCluster(Path logDir, int port, int nodeCount) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        if (nodeCount < 1) {
            throw new IllegalArgumentException("a cluster has at least one node, was " + nodeCount);
        }
        this.logDir = Objects.requireNonNull(logDir, "logDir").toAbsolutePath();
        this.requestedPort = port;
        this.nodeCount = nodeCount;
    }

    /** {@code count} nodes with ids 1..count on free ports, node {@code i}'s data in {@code dir/node-i}. */
    public static EmbeddedKafkaCluster ofNodes(Path dir, int count) {
        return new EmbeddedKafkaCluster(dir, 0, count);
    }

    /**
     * A SASL_SSL listener with SCRAM-SHA-512 beside the plaintext one on every node, as a secured production cluster
     * has, for tests of clients that must authenticate; brokers talk to each other in plaintext. Users are made with
     * {@code Admin.alterUserScramCredentials} through the plaintext listener. Call before {@link #start()}.
     */
    public synchronized EmbeddedKafkaCluster withSaslSslListener(SaslSslListener listener) {
        if (started || !nodes.isEmpty()) {
            throw new IllegalStateException("A listener is added before the cluster first starts");
        }
        this.secured = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The key store of the SASL_SSL listener: the broker's certificate and key, PKCS12. */
    public record SaslSslListener(Path keyStore, String keyStorePassword) {
        public SaslSslListener {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        }
    }

    /**
     * Starts every node and returns once the cluster accepts requests. The nodes start side by side:
     * each waits for a controller quorum, which needs a majority of them.
     *
     * @throws PortInUseException when the requested port is taken
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("This embedded Kafka cluster was closed; create a new one on the same log dir");
        }
        if (started) {
            throw new IllegalStateException("The embedded Kafka cluster is already running at " + bootstrapServers());
        }
        QuietBrokerLogging.applyUnderSlf4jSimple();
        pickPorts();
        String clusterId = nodes.values().stream().map(node -> KraftLogDir.clusterIdOf(node.logDir)).flatMap(Optional::stream)
                .findFirst().orElseGet(() -> Uuid.randomUuid().toString());
        List<CompletableFuture<Void>> starting = nodes.keySet().stream()
                .map(id -> CompletableFuture.runAsync(() -> startNodeServer(id, clusterId))).toList();
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
            started = true;
            ClusterReachability.awaitReachable(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), READY_TIMEOUT);
        } catch (RuntimeException e) {
            stopAll();
            started = false;
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            throw new IllegalStateException("The embedded Kafka cluster on " + logDir + " did not start", cause);
        }
        log.info("Embedded Kafka cluster {} of {} node(s) listening at {} (data in {})", clusterId, nodeCount,
                bootstrapServers(), logDir);
    }

    /** Where clients connect: every node, e.g. {@code localhost:9092}. */
    public synchronized String bootstrapServers() {
        if (!started) {
            throw new IllegalStateException("The embedded Kafka cluster is not running");
        }
        return nodes.values().stream().map(node -> LocalPorts.HOST + ":" + node.brokerPort).collect(Collectors.joining(","));
    }

    /** Where clients of the SASL_SSL listener connect: every node. */
    public synchronized String saslSslBootstrapServers() {
        if (!started || secured == null) {
            throw new IllegalStateException("The embedded Kafka cluster runs no SASL_SSL listener");
        }
        return nodes.values().stream().map(node -> LocalPorts.HOST + ":" + node.securedPort).collect(Collectors.joining(","));
    }

    /** The node ids, 1..n. */
    public List<Integer> nodeIds() {
        return IntStream.rangeClosed(1, nodeCount).boxed().toList();
    }

    /** Shuts one node down cleanly, as an operator's rolling restart does; its data stays. */
    public synchronized void stopNode(int nodeId) {
        Node node = node(nodeId);
        if (node.server == null) {
            throw new IllegalStateException("Node " + nodeId + " is not running");
        }
        KafkaRaftServer stopping = node.server;
        node.server = null;
        shutDown(stopping);
        log.info("Embedded Kafka node {} stopped", nodeId);
    }

    /** Starts a node {@link #stopNode stopped} before, on its old ports and data. */
    public synchronized void startNode(int nodeId) {
        Node node = node(nodeId);
        if (node.server != null) {
            throw new IllegalStateException("Node " + nodeId + " is running");
        }
        startNodeServer(nodeId, KraftLogDir.clusterIdOf(node.logDir).orElseThrow());
        log.info("Embedded Kafka node {} started again", nodeId);
    }

    /** Shuts every node down cleanly; the data stays in the log dir. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        if (!started) {
            return;
        }
        started = false;
        stopAll();
        log.info("Embedded Kafka cluster stopped (data kept in {})", logDir);
    }

    private Node node(int nodeId) {
        Node node = nodes.get(nodeId);
        if (node == null || !started) {
            throw new IllegalStateException("No running cluster has a node " + nodeId + " (nodes " + nodeIds() + ")");
        }
        return node;
    }

    private void pickPorts() {
        if (!nodes.isEmpty()) {
            return;
        }
        List<Integer> taken = new ArrayList<>();
        for (int id = 1; id <= nodeCount; id++) {
            int brokerPort;
            if (requestedPort != 0) {
                LocalPorts.requireFree(requestedPort);
                brokerPort = requestedPort;
            } else {
                brokerPort = LocalPorts.pickFreeOtherThan(taken);
            }
            taken.add(brokerPort);
            int controllerPort = LocalPorts.pickFreeOtherThan(taken);
            taken.add(controllerPort);
            int securedPort = 0;
            if (secured != null) {
                securedPort = LocalPorts.pickFreeOtherThan(taken);
                taken.add(securedPort);
            }
            // one node keeps the product's layout: its data directly in the log dir
            nodes.put(id, new Node(nodeCount == 1 ? logDir : logDir.resolve("node-" + id), brokerPort, controllerPort, securedPort));
        }
    }

    private void startNodeServer(int nodeId, String clusterId) {
        Node node = nodes.get(nodeId);
        KafkaConfig config = new KafkaConfig(settings(nodeId), false);
        KraftLogDir.formatUnlessFormatted(node.logDir, config, CONTROLLER_LISTENER, clusterId);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            shutDown(server);
            throw e;
        }
        synchronized (node) {
            node.server = server;
        }
    }

    private void stopAll() {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (Node node : nodes.values()) {
            KafkaRaftServer server;
            synchronized (node) {
                server = node.server;
                node.server = null;
            }
            if (server != null) {
                stopping.add(CompletableFuture.runAsync(() -> shutDown(server)));
            }
        }
        // side by side: a node shutting down alone waits for a controller the others' shutdown may take away
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
    }

    private static void shutDown(KafkaRaftServer raftServer) {
        raftServer.shutdown();
        raftServer.awaitShutdown();
    }

    /** Spelled as in server.properties: these names are Kafka's public interface, its constants' classes are not. */
    private Map<String, String> settings(int nodeId) {
        Node node = nodes.get(nodeId);
        String replication = String.valueOf(Math.min(3, nodeCount));
        String minInSync = nodeCount >= 3 ? "2" : "1";
        Map<String, String> settings = new HashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(nodeId));
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        // A static quorum: the voters' addresses live only in this setting, not in the metadata log,
        // so a later cluster on the same directories may pick other controller ports.
        settings.put("controller.quorum.voters", nodes.entrySet().stream()
                .map(voter -> voter.getKey() + "@" + LocalPorts.HOST + ":" + voter.getValue().controllerPort)
                .collect(Collectors.joining(",")));
        String listeners = BROKER_LISTENER + "://" + LocalPorts.HOST + ":" + node.brokerPort;
        String protocols = BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT";
        if (secured != null) {
            listeners += "," + SECURED_LISTENER + "://" + LocalPorts.HOST + ":" + node.securedPort;
            protocols += "," + SECURED_LISTENER + ":SASL_SSL";
            String prefix = "listener.name." + SECURED_LISTENER.toLowerCase(Locale.ROOT) + ".";
            settings.put(prefix + "sasl.enabled.mechanisms", "SCRAM-SHA-512");
            settings.put(prefix + "scram-sha-512.sasl.jaas.config", SCRAM_LOGIN);
            settings.put(prefix + "ssl.keystore.location", secured.keyStore().toAbsolutePath().toString());
            settings.put(prefix + "ssl.keystore.password", secured.keyStorePassword());
            settings.put(prefix + "ssl.key.password", secured.keyStorePassword());
            settings.put(prefix + "ssl.keystore.type", "PKCS12");
        }
        settings.put("listeners", listeners + "," + CONTROLLER_LISTENER + "://" + LocalPorts.HOST + ":" + node.controllerPort);
        settings.put("advertised.listeners", listeners);
        settings.put("listener.security.protocol.map", protocols);
        settings.put("inter.broker.listener.name", BROKER_LISTENER);
        settings.put("log.dirs", node.logDir.toString());
        settings.put("server.max.startup.time.ms", String.valueOf(READY_TIMEOUT.toMillis()));

        settings.put("auto.create.topics.enable", "false");
        settings.put("default.replication.factor", replication);
        settings.put("min.insync.replicas", minInSync);
        settings.put("offsets.topic.replication.factor", replication);
        settings.put("offsets.topic.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("group.streams.initial.rebalance.delay.ms", "0");
        settings.put("transaction.state.log.replication.factor", replication);
        settings.put("transaction.state.log.min.isr", minInSync);
        settings.put("transaction.state.log.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        settings.put("share.coordinator.state.topic.replication.factor", replication);
        settings.put("share.coordinator.state.topic.min.isr", minInSync);
        settings.put("share.coordinator.state.topic.num.partitions", String.valueOf(INTERNAL_TOPIC_PARTITIONS));
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(CLEANER_DEDUPE_BUFFER_BYTES));
        return settings;
    }

    /** One KRaft node: where its data lives, its ports (the SASL_SSL one 0 without it), and its server while it runs. */
    private static final class Node {
        final Path logDir;
        final int brokerPort;
        final int controllerPort;
        final int securedPort;
        KafkaRaftServer server;

        Node(Path logDir, int brokerPort, int controllerPort, int securedPort) {
            this.logDir = logDir;
            this.brokerPort = brokerPort;
            this.controllerPort = controllerPort;
            this.securedPort = securedPort;
        }
    }
}
