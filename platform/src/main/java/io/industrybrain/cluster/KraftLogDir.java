package io.industrybrain.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import kafka.server.KafkaConfig;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.properties.PropertiesUtils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's single log directory, which also holds the KRaft metadata log. It is formatted
 * exactly once, as {@code kafka-storage.sh format} would; later starts find its
 * {@code meta.properties} and keep the cluster id, topics, records and committed offsets.
 */
final class KraftLogDir {

    private static final Logger log = LoggerFactory.getLogger(KraftLogDir.class);

    private KraftLogDir() { }

    private static final String TRANSACTION_VERSION = "transaction.version";
    private static final short TRANSACTIONS_V1 = 1;

    /** The id of the cluster the directory was formatted for, empty when it is not formatted. */
    static Optional<String> clusterIdOf(Path logDir) {
        Path metaProperties = logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME);
        return Files.exists(metaProperties) ? Optional.of(readClusterId(metaProperties)) : Optional.empty();
    }

    /**
     * Formats the directory for cluster {@code clusterId} unless it already is formatted (for whichever
     * cluster it was formatted for: that one is kept).
     */
    static void formatUnlessFormatted(Path logDir, KafkaConfig config, String controllerListenerName, String clusterId) {
        Optional<String> formatted = clusterIdOf(logDir);
        if (formatted.isPresent()) {
            log.info("Reusing Kafka log dir {} of cluster {}", logDir, formatted.get());
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    // The formatter narrates to stdout; the one line below says what matters.
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setControllerListenerName(controllerListenerName)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    // Transactions version 2 logs an ERROR with a stack trace for every retried first batch of a
                    // transactional producer (docs/decisions.md, "The embedded broker uses transactions version 1").
                    .setFeatureLevel(TRANSACTION_VERSION, TRANSACTIONS_V1)
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka log dir " + logDir, e);
        }
        log.info("Formatted new Kafka log dir {} for cluster {}", logDir, clusterId);
    }

    private static String readClusterId(Path metaProperties) {
        try {
            MetaProperties meta = new MetaProperties.Builder(
                    PropertiesUtils.readPropertiesFile(metaProperties.toString())).build();
            return meta.clusterId().orElseThrow(
                    () -> new IllegalStateException(metaProperties + " names no cluster id"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + metaProperties, e);
        }
    }
}
