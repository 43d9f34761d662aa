package io.industrybrain.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/** Tells, before anything else is started, whether a Kafka cluster answers at all. */
public final class ClusterReachability {

    private ClusterReachability() { }

    /**
     * Waits until a broker at the configured {@code bootstrap.servers} answers a describe-cluster
     * request, at most {@code timeout}.
     *
     * @param adminConfig admin client settings: {@code bootstrap.servers} and, where the cluster
     *                    needs them, security settings
     * @return the number of live brokers
     * @throws ClusterUnreachableException naming {@code bootstrap.servers} when none answered in time
     */
    public static int awaitReachable(Map<String, ?> adminConfig, Duration timeout) {
        Object bootstrapServers = adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrapServers == null) {
            throw new IllegalArgumentException("The admin settings name no " + AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        }
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        // The admin client retries connecting on its own until the call's deadline, so one call is the whole wait.
        try (Admin admin = Admin.create(Map.copyOf(adminConfig))) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes().get().size();
        } catch (ExecutionException e) {
            throw new ClusterUnreachableException(String.valueOf(bootstrapServers), timeout, e.getCause());
        } catch (KafkaException e) {
            // Thrown by Admin.create, for instance when no bootstrap address resolves.
            throw new ClusterUnreachableException(String.valueOf(bootstrapServers), timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }
}
