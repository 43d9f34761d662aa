package io.industrybrain.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.industrybrain.cluster.KafkaClientSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that speaks Confluent's Schema Registry REST API (Avro only) well enough for
 * Confluent's own serializers and clients, and keeps its state in a Kafka topic.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>The topic is the only state.</b> Every change is an event record in one compacted,
 *       single-partition topic ({@link RegistryRecordCodec} has the format). At start the registry
 *       reads the topic from the beginning and rebuilds its in-memory {@link RegistryState}; a reader
 *       thread keeps applying new records for as long as it runs. Nothing is kept elsewhere, so ids
 *       survive restarts and any number of instances on one cluster hold the same state.</li>
 *   <li><b>Conflicts are settled by log order.</b> Instances do not elect a leader. A writer decides
 *       the next version and id from its state (id = highest id seen + 1, or the id the same schema
 *       already has), produces the event with an idempotent producer, then waits until its own reader
 *       has applied that offset. Applying refuses, on every instance alike, an event whose version is
 *       not the subject's next, whose schema is already live in the subject, or whose id belongs to
 *       another schema. So when two instances race, the first record in the log wins; the loser sees
 *       that its record was refused, re-reads and decides again (the same schema now has the winner's
 *       id; a compatibility check now runs against the version that won).</li>
 *   <li><b>Compaction keeps the order.</b> Schema and delete records carry a unique write id in their
 *       key, so compaction never drops or moves them and a refused record stays refused on every
 *       replay. Only configuration records share keys (one per subject), and configuration takes no
 *       part in refusing records, so keeping the latest of them is enough. Permanent deletes are events
 *       too: the registry forgets the versions, the bytes stay in the topic.</li>
 *   <li><b>Reads are local.</b> A read answers from memory; one that would answer "not found" first
 *       catches up with the topic's end, so an id registered on another instance a moment ago is
 *       found. Writes always catch up first.</li>
 * </ul>
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final int REQUEST_THREADS = 4;

    private final KafkaClientSettings clients;
    private final String topic;
    private final int port;

    private KafkaRegistryLog log;
    private HttpServer http;
    private ExecutorService requestThreads;
    private boolean closed;

    /**
     * @param topic the registry's topic, for example {@code _schemas}; created when missing
     * @param port  the HTTP port; 0 picks a free one (see {@link #url()})
     */
    public SchemaRegistryServer(String bootstrapServers, String topic, int port) {
        this(KafkaClientSettings.bootstrapOnly(bootstrapServers), topic, port);
    }

    /**
     * A registry on a cluster that needs more than its address (security, timeouts): its storage's admin,
     * producer and consumer each get the settings they know.
     */
    public SchemaRegistryServer(KafkaClientSettings clients, String topic, int port) {
        this.clients = clients;
        this.topic = topic;
        this.port = port;
    }

    /**
     * Binds the port, rebuilds the state from the topic and starts answering; returns once both are
     * done.
     *
     * @throws IllegalStateException when the port is in use or the topic cannot be read
     */
    public synchronized void start() {
        if (http != null || closed) {
            throw new IllegalStateException("A schema registry server starts once");
        }
        try {
            // Binding first fails fast on a taken port, before the topic is read.
            http = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (BindException taken) {
            throw new IllegalStateException("Cannot start the schema registry: port " + port + " is already in use", taken);
        } catch (IOException failed) {
            throw new UncheckedIOException("Cannot start the schema registry on port " + port, failed);
        }
        try {
            RegistryState state = new RegistryState();
            log = new KafkaRegistryLog(clients, topic, state);
            log.start();
            http.createContext("/", new RegistryHttpApi(new SchemaRegistry(state, log)));
            requestThreads = Executors.newFixedThreadPool(REQUEST_THREADS, new RequestThreads());
            http.setExecutor(requestThreads);
            http.start();
        } catch (RuntimeException failed) {
            close();
            throw failed;
        }
        LOG.info("Schema registry listening on {} (topic '{}')", url(), topic);
    }

    /** {@code http://localhost:PORT}, the port the server listens on. */
    public synchronized String url() {
        if (http == null) {
            throw new IllegalStateException("The schema registry has not been started");
        }
        return "http://localhost:" + http.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (http != null) {
            http.stop(0);
        }
        if (requestThreads != null) {
            requestThreads.shutdownNow();
        }
        if (log != null) {
            log.close();
        }
    }

    /** Named daemon threads, so a thread dump tells which registry a request thread serves. */
    private final class RequestThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "schema-registry-http-" + topic + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
