package io.industrybrain.streams.topology.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers a dead letter carries besides the input record's own. Every value is a UTF-8 string
 * (partition and offset in decimal), so any client can read them. The replay command and the
 * observability endpoints read them by these names.
 */
public final class DeadLetterHeaders {

    /** A {@link DeadLetterReason} name. */
    public static final String REASON = "brain.dlq.reason";
    /** The input topic the record was consumed from. */
    public static final String TOPIC = "brain.dlq.topic";
    /** Its partition in that topic. */
    public static final String PARTITION = "brain.dlq.partition";
    /** Its offset in that partition. */
    public static final String OFFSET = "brain.dlq.offset";
    /** A readable message saying what was wrong. */
    public static final String ERROR = "brain.dlq.error";

    private static final String PREFIX = "brain.dlq.";

    private DeadLetterHeaders() { }

    /** True for the headers this class defines: they describe a rejection, not the record. */
    public static boolean isDeadLetterHeader(String key) {
        return key.startsWith(PREFIX);
    }

    /** The last value of a header, decoded as UTF-8. */
    public static Optional<String> read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
