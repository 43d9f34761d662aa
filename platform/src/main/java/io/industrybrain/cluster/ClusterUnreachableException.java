package io.industrybrain.cluster;

import java.time.Duration;

/** No broker at {@code bootstrap.servers} answered within the time allowed. */
public final class ClusterUnreachableException extends IllegalStateException {

    private final String bootstrapServers;

    ClusterUnreachableException(String bootstrapServers, Duration timeout, Throwable cause) {
        super("Kafka cluster not reachable at bootstrap.servers=" + bootstrapServers + " within "
                + timeout.toMillis() + " ms: " + cause.getMessage(), cause);
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() { return bootstrapServers; }
}
