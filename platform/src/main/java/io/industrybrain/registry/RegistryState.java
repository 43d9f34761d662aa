package io.industrybrain.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

import io.industrybrain.registry.RegistryEvent.CompatibilityConfigured;
import io.industrybrain.registry.RegistryEvent.SchemaRegistered;
import io.industrybrain.registry.RegistryEvent.VersionDeleted;

/**
 * What the registry knows, as the result of applying the log's events in order. Applying is
 * deterministic and judges each event only against the events before it, so every instance that reads
 * the same log holds the same state, and an event refused once is refused on every replay.
 *
 * <p>Invariants kept by refusing events that would break them:
 * <ul>
 *   <li>a subject's versions are numbered 1, 2, 3, ... without gaps: a new version must be the next
 *       number (soft-deleted versions keep their number);</li>
 *   <li>a schema is live at most once in a subject;</li>
 *   <li>one schema, one id, across all subjects: a schema seen before must come with its id, a new
 *       schema with an id no other schema has.</li>
 * </ul>
 * The reader thread applies, request threads query; every method is synchronized, and
 * {@link #read(Function)} runs several queries against one unchanging state.
 */
final class RegistryState {

    private final Map<Integer, CanonicalSchema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    /** How many versions (live or soft-deleted) use each id; an id nobody uses no longer resolves. */
    private final Map<Integer, Integer> usesById = new HashMap<>();
    private final Map<String, TreeMap<Integer, SubjectVersion>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    /** Applies one event; false when it was refused (it then changes nothing). */
    synchronized boolean apply(RegistryEvent event) {
        if (event instanceof SchemaRegistered registered) {
            return register(registered);
        }
        if (event instanceof VersionDeleted deleted) {
            return delete(deleted);
        }
        CompatibilityConfigured configured = (CompatibilityConfigured) event;
        if (configured.subject() == null) {
            globalLevel = configured.level();
        } else if (configured.level() == null) {
            subjectLevels.remove(configured.subject());
        } else {
            subjectLevels.put(configured.subject(), configured.level());
        }
        return true;
    }

    private boolean register(SchemaRegistered event) {
        CanonicalSchema schema;
        try {
            schema = CanonicalSchema.parse(event.schema());
        } catch (RegistryException unreadable) {
            return false;
        }
        TreeMap<Integer, SubjectVersion> versions = subjects.getOrDefault(event.subject(), new TreeMap<>());
        if (event.version() != nextVersion(event.subject())) {
            return false;
        }
        boolean alreadyLive = versions.values().stream()
                .anyMatch(v -> !v.deleted() && v.schema().canonical().equals(schema.canonical()));
        if (alreadyLive) {
            return false;
        }
        Integer knownId = idsBySchema.get(schema.canonical());
        boolean idFits = knownId != null ? knownId == event.id() : event.id() > 0 && !schemasById.containsKey(event.id());
        if (!idFits) {
            return false;
        }
        schemasById.put(event.id(), schema);
        idsBySchema.put(schema.canonical(), event.id());
        usesById.merge(event.id(), 1, Integer::sum);
        maxId = Math.max(maxId, event.id());
        versions.put(event.version(),
                new SubjectVersion(event.subject(), event.version(), event.id(), schema, false, event.writeId()));
        subjects.put(event.subject(), versions);
        return true;
    }

    private boolean delete(VersionDeleted event) {
        TreeMap<Integer, SubjectVersion> versions = subjects.get(event.subject());
        SubjectVersion version = versions == null ? null : versions.get(event.version());
        if (version == null) {
            return false;
        }
        if (!event.permanent()) {
            if (version.deleted()) {
                return false;
            }
            versions.put(event.version(), version.softDeleted());
            return true;
        }
        if (!version.deleted()) {
            return false;
        }
        versions.remove(event.version());
        if (versions.isEmpty()) {
            subjects.remove(event.subject());
        }
        usesById.merge(version.id(), -1, Integer::sum);
        return true;
    }

    /** Runs several queries against one state: no event is applied while {@code query} runs. */
    synchronized <T> T read(Function<RegistryState, T> query) {
        return query.apply(this);
    }

    /** The schema with this id, while some version (live or soft-deleted) still uses it. */
    synchronized Optional<CanonicalSchema> schemaById(int id) {
        return usesById.getOrDefault(id, 0) > 0 ? Optional.ofNullable(schemasById.get(id)) : Optional.empty();
    }

    /** The id this schema has, or had: ids are never given to another schema. */
    synchronized OptionalInt idOf(CanonicalSchema schema) {
        Integer id = idsBySchema.get(schema.canonical());
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    synchronized int nextId() {
        return maxId + 1;
    }

    synchronized int nextVersion(String subject) {
        TreeMap<Integer, SubjectVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    /** Subjects in name order that have a live version, or any version when {@code includeDeleted}. */
    synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.keySet().stream().filter(subject -> !versions(subject, includeDeleted).isEmpty()).toList();
    }

    /** A subject's versions, oldest first; soft-deleted ones only when {@code includeDeleted}. */
    synchronized List<SubjectVersion> versions(String subject, boolean includeDeleted) {
        return subjects.getOrDefault(subject, new TreeMap<>()).values().stream()
                .filter(v -> includeDeleted || !v.deleted())
                .toList();
    }

    synchronized Optional<SubjectVersion> version(String subject, int version) {
        return Optional.ofNullable(subjects.getOrDefault(subject, new TreeMap<>()).get(version));
    }

    /** Every subject version that uses this id, in subject order. */
    synchronized List<SubjectVersion> versionsWithId(int id, boolean includeDeleted) {
        List<SubjectVersion> found = new ArrayList<>();
        for (String subject : subjects.keySet()) {
            versions(subject, includeDeleted).stream().filter(v -> v.id() == id).forEach(found::add);
        }
        return found;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel == null ? CompatibilityLevel.DEFAULT : globalLevel;
    }

    /** The level a registration in this subject is checked with. */
    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElse(globalLevel());
    }
}
