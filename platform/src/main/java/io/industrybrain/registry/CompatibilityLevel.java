package io.industrybrain.registry;

import java.util.Locale;

/**
 * Which earlier versions of a subject a new schema must stay compatible with, and in which direction.
 * Backward: the new schema reads data written with the earlier one. Forward: the earlier schema reads
 * data written with the new one. Transitive: against every live version rather than only the latest.
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** The level of a registry whose global level was never set, as in Confluent's registry. */
    static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    boolean backward() { return backward; }

    boolean forward() { return forward; }

    boolean transitive() { return transitive; }

    /** Reads a level as clients send it; case does not matter. Anything else is refused with 42203. */
    static CompatibilityLevel parse(String text) {
        if (text != null) {
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                    return level;
                }
            }
        }
        throw RegistryException.invalidCompatibilityLevel(text);
    }
}
