package io.industrybrain.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.industrybrain.testkit.EmbeddedKafkaExtension;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterReachabilityIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

    @Test
    void countsTheLiveBrokersOfAReachableCluster() {
        int brokers = ClusterReachability.awaitReachable(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), Duration.ofSeconds(10));

        assertEquals(1, brokers);
    }

    @Test
    void namesTheBootstrapServersWhenNoBrokerAnswers() throws IOException {
        String nobody = "localhost:" + portNobodyListensOn();

        ClusterUnreachableException failure = assertThrows(ClusterUnreachableException.class,
                () -> ClusterReachability.awaitReachable(
                        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, nobody), Duration.ofSeconds(1)));

        assertEquals(nobody, failure.bootstrapServers());
        assertTrue(failure.getMessage().startsWith("Kafka cluster not reachable at bootstrap.servers=" + nobody + " within 1000 ms"),
                failure.getMessage());
    }

    private static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        }
    }
}
