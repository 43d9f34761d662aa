package io.industrybrain.registry;

/**
 * A change to the registry as it is written to the log. Every instance applies the same events in log
 * order to its {@link RegistryState}; events that would break an invariant are ignored by all of them
 * alike, which is how conflicting writes from two instances are settled.
 */
sealed interface RegistryEvent {

    /**
     * A proposal to make {@code schema} (canonical text) version {@code version} of {@code subject}
     * under global id {@code id}.
     *
     * @param writeId unique per proposal, so that its writer can tell whether its own proposal won
     */
    record SchemaRegistered(String writeId, String subject, int version, int id, String schema)
            implements RegistryEvent { }

    /**
     * Hides a version (soft delete) or, when {@code permanent}, forgets a version that was soft-deleted
     * before.
     *
     * @param writeId unique per request; it only keeps the record's key apart from every other
     */
    record VersionDeleted(String writeId, String subject, int version, boolean permanent) implements RegistryEvent { }

    /**
     * Sets a compatibility level; {@code subject} null means the global level, {@code level} null
     * removes a subject's own level so that the global one applies again.
     */
    record CompatibilityConfigured(String subject, CompatibilityLevel level) implements RegistryEvent { }
}
