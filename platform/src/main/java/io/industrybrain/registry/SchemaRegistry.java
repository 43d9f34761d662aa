package io.industrybrain.registry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.industrybrain.registry.RegistryEvent.CompatibilityConfigured;
import io.industrybrain.registry.RegistryEvent.SchemaRegistered;
import io.industrybrain.registry.RegistryEvent.VersionDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations, in Confluent's terms (subjects, versions, global ids, compatibility
 * levels), on top of a {@link RegistryState} that a {@link RegistryLog} keeps up to date.
 *
 * <p>Writes are optimistic: read the state, decide (next version, id, compatibility), append the event,
 * wait until the state has applied it and look whether it won. It loses only when another instance
 * appended a conflicting event first; the state then already holds the winner, so the next attempt
 * decides again on fresh facts (the same schema now has an id; the compatibility check now runs
 * against the version that won). Within one instance writes take turns, so only instances race.
 *
 * <p>Reads answer from the local state. A read that would answer "not found" first catches up with
 * the log, so an id or subject just registered through another instance is found.
 */
final class SchemaRegistry {

    /** The version selector {@code latest} (Confluent also accepts -1 for it). */
    static final int LATEST = -1;

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistry.class);
    private static final int MAX_WRITE_ATTEMPTS = 10;

    private final RegistryState state;
    private final RegistryLog log;
    private final Object writeTurn = new Object();

    SchemaRegistry(RegistryState state, RegistryLog log) {
        this.state = state;
        this.log = log;
    }

    /** Parses a version path segment: a number in [1, 2^31-1], {@code latest} or -1; else 42202. */
    static int parseVersion(String text) {
        if ("latest".equals(text)) {
            return LATEST;
        }
        try {
            int version = Integer.parseInt(text);
            if (version == LATEST || version >= 1) {
                return version;
            }
        } catch (NumberFormatException notANumber) {
            // reported below like any other invalid version
        }
        throw RegistryException.invalidVersion(text);
    }

    /**
     * Registers a schema under a subject and returns its global id. A schema already live in the
     * subject keeps its version and id; a schema known under another subject keeps its id.
     */
    int register(String subject, String schemaText) {
        CanonicalSchema schema = CanonicalSchema.parse(schemaText);
        synchronized (writeTurn) {
            for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
                log.catchUp();
                Registration plan = state.read(s -> plan(s, subject, schema));
                if (plan.existingVersion().isPresent()) {
                    return plan.existingVersion().get().id();
                }
                List<String> problems = CompatibilityChecker.problems(plan.level(), schema.avro(), plan.earlier());
                if (!problems.isEmpty()) {
                    throw RegistryException.incompatible(subject, problems);
                }
                String writeId = UUID.randomUUID().toString();
                log.append(new SchemaRegistered(writeId, subject, plan.version(), plan.id(), schema.canonical()));
                boolean won = state.version(subject, plan.version()).map(v -> v.writeId().equals(writeId)).orElse(false);
                if (won) {
                    LOG.info("Registered schema id {} as version {} of subject '{}'", plan.id(), plan.version(), subject);
                    return plan.id();
                }
                LOG.info("Another registry instance took version {} of subject '{}' or id {} first; deciding again",
                        plan.version(), subject, plan.id());
            }
        }
        throw RegistryException.storeError("gave up registering under subject '" + subject + "' after "
                + MAX_WRITE_ATTEMPTS + " conflicting writes", null);
    }

    /** What registering would do, decided on one consistent state. */
    private record Registration(Optional<SubjectVersion> existingVersion, int version, int id,
                                CompatibilityLevel level, List<SubjectVersion> earlier) { }

    private static Registration plan(RegistryState s, String subject, CanonicalSchema schema) {
        List<SubjectVersion> live = s.versions(subject, false);
        Optional<SubjectVersion> existing = live.stream()
                .filter(v -> v.schema().canonical().equals(schema.canonical()))
                .findFirst();
        int id = s.idOf(schema).orElse(s.nextId());
        return new Registration(existing, s.nextVersion(subject), id, s.effectiveLevel(subject), live);
    }

    /** The version of a subject that holds this schema (soft-deleted ones too when asked). */
    SubjectVersion lookup(String subject, String schemaText, boolean includeDeleted) {
        CanonicalSchema schema = CanonicalSchema.parse(schemaText);
        return fresh(() -> {
            List<SubjectVersion> versions = existingVersions(subject, includeDeleted);
            return versions.stream()
                    .filter(v -> v.schema().canonical().equals(schema.canonical()))
                    .reduce((older, newer) -> newer)
                    .orElseThrow(() -> RegistryException.schemaNotFound(subject));
        });
    }

    CanonicalSchema schemaById(int id) {
        return fresh(() -> state.schemaById(id).orElseThrow(() -> RegistryException.schemaIdNotFound(id)));
    }

    /** The subject versions that use this id; 40403 when the id is unknown. */
    List<SubjectVersion> versionsWithId(int id, boolean includeDeleted) {
        schemaById(id);
        return state.versionsWithId(id, includeDeleted);
    }

    List<String> subjects(boolean includeDeleted) {
        return state.subjects(includeDeleted);
    }

    List<Integer> versions(String subject, boolean includeDeleted) {
        return fresh(() -> existingVersions(subject, includeDeleted)).stream().map(SubjectVersion::version).toList();
    }

    /** One version of a subject, {@link #LATEST} for the newest live one. */
    SubjectVersion version(String subject, int version, boolean includeDeleted) {
        return fresh(() -> state.read(s -> {
            List<SubjectVersion> versions = existingVersions(subject, includeDeleted);
            if (version == LATEST) {
                return versions.get(versions.size() - 1);
            }
            return versions.stream()
                    .filter(v -> v.version() == version)
                    .findFirst()
                    .orElseThrow(() -> RegistryException.versionNotFound(subject, version));
        }));
    }

    /** Soft-deletes every live version, or forgets every soft-deleted one; returns their numbers. */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        synchronized (writeTurn) {
            log.catchUp();
            List<SubjectVersion> all = state.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            boolean anyLive = all.stream().anyMatch(v -> !v.deleted());
            if (permanent && anyLive) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            if (!permanent && !anyLive) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            List<Integer> deleted = all.stream().filter(v -> v.deleted() == permanent).map(SubjectVersion::version).toList();
            for (int version : deleted) {
                log.append(new VersionDeleted(UUID.randomUUID().toString(), subject, version, permanent));
            }
            LOG.info("{} versions {} of subject '{}'", permanent ? "Permanently deleted" : "Soft-deleted", deleted, subject);
            return deleted;
        }
    }

    /**
     * Soft-deletes a live version, or forgets a soft-deleted one; returns its number. {@link #LATEST}
     * is the newest version, soft-deleted or not.
     */
    int deleteVersion(String subject, int version, boolean permanent) {
        synchronized (writeTurn) {
            log.catchUp();
            List<SubjectVersion> all = state.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            SubjectVersion target = version == LATEST
                    ? all.get(all.size() - 1)
                    : all.stream().filter(v -> v.version() == version).findFirst()
                        .orElseThrow(() -> RegistryException.versionNotFound(subject, version));
            if (permanent && !target.deleted()) {
                throw RegistryException.versionNotSoftDeleted(subject, target.version());
            }
            if (!permanent && target.deleted()) {
                throw RegistryException.versionSoftDeleted(subject, target.version());
            }
            log.append(new VersionDeleted(UUID.randomUUID().toString(), subject, target.version(), permanent));
            LOG.info("{} version {} of subject '{}'", permanent ? "Permanently deleted" : "Soft-deleted",
                    target.version(), subject);
            return target.version();
        }
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    void setGlobalLevel(CompatibilityLevel level) {
        log.append(new CompatibilityConfigured(null, level));
        LOG.info("Global compatibility level set to {}", level);
    }

    /** The subject's own level; without one, the global level if {@code defaultToGlobal}, else 40408. */
    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        if (defaultToGlobal) {
            return state.effectiveLevel(subject);
        }
        return fresh(() -> state.subjectLevel(subject).orElseThrow(() -> RegistryException.subjectConfigNotFound(subject)));
    }

    void setSubjectLevel(String subject, CompatibilityLevel level) {
        log.append(new CompatibilityConfigured(subject, level));
        LOG.info("Compatibility level of subject '{}' set to {}", subject, level);
    }

    /**
     * Removes a subject's own level and returns the level that applied until now. 40401 when the
     * subject has neither versions nor a level of its own.
     */
    CompatibilityLevel deleteSubjectLevel(String subject) {
        synchronized (writeTurn) {
            log.catchUp();
            Optional<CompatibilityLevel> own = state.subjectLevel(subject);
            if (own.isEmpty()) {
                if (state.versions(subject, true).isEmpty()) {
                    throw RegistryException.subjectNotFound(subject);
                }
                return state.globalLevel();
            }
            log.append(new CompatibilityConfigured(subject, null));
            LOG.info("Compatibility level of subject '{}' removed; the global level applies", subject);
            return own.get();
        }
    }

    /**
     * Why the schema may not follow one version of the subject under the subject's level; empty means
     * compatible. {@link #LATEST} on a subject without live versions is compatible: nothing to break.
     */
    List<String> compatibilityWithVersion(String subject, int version, String schemaText) {
        CanonicalSchema schema = CanonicalSchema.parse(schemaText);
        if (version == LATEST && state.versions(subject, false).isEmpty()) {
            log.catchUp();
            if (state.versions(subject, false).isEmpty()) {
                return List.of();
            }
        }
        SubjectVersion target = version(subject, version, false);
        return CompatibilityChecker.problems(state.effectiveLevel(subject), schema.avro(), List.of(target));
    }

    /** Why registering the schema in the subject would be refused as incompatible; empty means it would not. */
    List<String> compatibilityWithSubject(String subject, String schemaText) {
        CanonicalSchema schema = CanonicalSchema.parse(schemaText);
        log.catchUp();
        return state.read(s -> CompatibilityChecker.problems(s.effectiveLevel(subject), schema.avro(),
                s.versions(subject, false)));
    }

    /** A subject's versions; 40401 when it has none to show. */
    private List<SubjectVersion> existingVersions(String subject, boolean includeDeleted) {
        List<SubjectVersion> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    /** Answers from the local state; a "not found" is only given after catching up with the log. */
    private <T> T fresh(Supplier<T> query) {
        try {
            return query.get();
        } catch (RegistryException notFound) {
            if (notFound.httpStatus() != 404) {
                throw notFound;
            }
            log.catchUp();
            return query.get();
        }
    }
}
