package io.industrybrain.simulator;

import io.industrybrain.topics.TopicNames;

/** The input topics the simulator writes events to; {@link TopicNames} spells their names. */
public enum EventTopic {
    TELEMETRY, PRODUCTION, SHIFTS, PROCESSES;

    /** The name of this topic under the given naming. */
    public String topicName(TopicNames topics) {
        return switch (this) {
            case TELEMETRY -> topics.telemetry();
            case PRODUCTION -> topics.production();
            case SHIFTS -> topics.shifts();
            case PROCESSES -> topics.processes();
        };
    }
}
