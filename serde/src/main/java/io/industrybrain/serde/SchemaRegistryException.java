package io.industrybrain.serde;

import java.util.Optional;
import org.apache.kafka.common.KafkaException;

/**
 * The schema registry refused a request or could not be reached. Carries Confluent's error code
 * (e.g. 40403 schema not found, 409 incompatible) when the registry answered, or -1 when it did not.
 */
public class SchemaRegistryException extends KafkaException {
    public static final int NO_ANSWER = -1;
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;

    private final int errorCode;

    public SchemaRegistryException(int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public int errorCode() { return errorCode; }

    /** The registry's trouble behind a failure, however deep Kafka Streams has wrapped it. */
    public static Optional<SchemaRegistryException> behind(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registryTrouble) {
                return Optional.of(registryTrouble);
            }
        }
        return Optional.empty();
    }
}
