package io.industrybrain.app.query;

import io.industrybrain.schema.Enterprise;
import io.industrybrain.streams.topology.intake.EventValidator;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who each enterprise is as {@code brain.enterprises} says now, and which enterprises each industry chain has:
 * what a ranking of a chain's enterprises needs, since a MetricRecord does not name its enterprise's chain.
 * {@link OutputTopicsFeed} fills it.
 *
 * <p>The topology's rule for reference data holds here too, so that a chain's enterprises are the ones its
 * roll-up counts: an invalid record is not applied (the enterprise keeps its last valid version, or stays
 * unknown), a tombstone removes the enterprise, and an enterprise moved to another chain is in the new one only.
 */
public final class EnterpriseDirectory {

    /** Only its reference-data rule is used, which reads no clock. */
    private static final EventValidator RULES = new EventValidator(Clock.systemUTC());

    private final Map<String, Enterprise> byId = new HashMap<>();
    private final Map<String, SortedSet<String>> byChain = new HashMap<>();

    /**
     * A record of brain.enterprises under its key; null for a tombstone. An invalid one is passed over without a
     * word: the topology logs and counts it already.
     */
    public synchronized void apply(String key, Enterprise enterprise) {
        if (enterprise != null && RULES.problemsWith(enterprise, key).isPresent()) {
            return;
        }
        Enterprise before = enterprise == null ? byId.remove(key) : byId.put(key, enterprise);
        if (before != null) {
            SortedSet<String> members = byChain.get(before.getIndustryChain());
            members.remove(key);
            if (members.isEmpty()) {
                byChain.remove(before.getIndustryChain());
            }
        }
        if (enterprise != null) {
            byChain.computeIfAbsent(enterprise.getIndustryChain(), chain -> new TreeSet<>()).add(key);
        }
    }

    public synchronized Optional<Enterprise> enterprise(String enterpriseId) {
        return Optional.ofNullable(byId.get(enterpriseId));
    }

    /** The ids of the chain's enterprises, sorted; empty for a chain no enterprise belongs to. */
    public synchronized SortedSet<String> enterprisesOf(String chain) {
        return new TreeSet<>(byChain.getOrDefault(chain, new TreeSet<>()));
    }
}
