package io.industrybrain.streams.topology;

import io.industrybrain.streams.topology.deadletter.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What became of every input record, per input topic, so that
 * {@code consumed = accepted + duplicates + dead-lettered + ignored + in flight} can be checked at any time.
 *
 * <p>An event's fate is decided in two places: intake (before the by-enterprise repartition) dead-letters
 * undecodable, invalid and unknown-enterprise records and forwards the rest; the window stage (after it)
 * accepts, drops as duplicate, or dead-letters as LATE. A forwarded record is <em>in flight</em> until the
 * window stage has settled it. Each call below changes all the counts it touches under one lock, and
 * {@link #snapshot()} reads them under the same lock, so every snapshot balances exactly.
 * With a single instance and nothing pending on the repartition topic, {@code inFlight} is 0.
 *
 * <p>These are counts of processing in this process. With several instances intake and window stage of a
 * record may run in different processes: sum the snapshots of all of them. A transaction aborted by a crash
 * or rebalance is processed again, and counted again: each stage still balances, but records forwarded by
 * the aborted transaction stay in {@code inFlight}.
 *
 * <p>Reference data ({@code brain.enterprises}, {@code brain.targets}) is either accepted (applied to its table,
 * tombstones included) or <em>ignored</em> (not decodable or invalid; see {@code intake.ReferenceTableUpdater});
 * the global table re-reads the whole topic at start, so those counts include each start's re-read.
 */
public final class OutcomeCounters {

    /** The counts of one input topic at one moment. */
    public record TopicOutcomes(
            long consumed,
            long accepted,
            long duplicates,
            Map<DeadLetterReason, Long> deadLettered,
            Map<DeadLetterReason, Long> ignored,
            long inFlight) {

        public TopicOutcomes {
            deadLettered = Map.copyOf(deadLettered);
            ignored = Map.copyOf(ignored);
        }

        public long deadLettered(DeadLetterReason reason) {
            return deadLettered.getOrDefault(reason, 0L);
        }

        public long deadLetteredTotal() {
            return deadLettered.values().stream().mapToLong(Long::longValue).sum();
        }

        public long ignoredTotal() {
            return ignored.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The identity of docs/contract.md, with the records still between the two stages. */
        public boolean balanced() {
            return consumed == accepted + duplicates + deadLetteredTotal() + ignoredTotal() + inFlight;
        }
    }

    private final Map<String, TopicCounts> topics = new ConcurrentHashMap<>();

    /** Intake dead-lettered an input record. */
    public void rejectedAtIntake(String topic, DeadLetterReason reason) {
        counts(topic).rejectedAtIntake(reason);
    }

    /** Intake forwarded an input record to the window stage. */
    public void forwardedAtIntake(String topic) {
        counts(topic).forwardedAtIntake();
    }

    /** The window stage counted a forwarded record in the metrics. */
    public void accepted(String topic) {
        counts(topic).settled(Settlement.ACCEPTED);
    }

    /** The window stage dropped a forwarded record as a duplicate. */
    public void duplicate(String topic) {
        counts(topic).settled(Settlement.DUPLICATE);
    }

    /** The window stage dead-lettered a forwarded record as LATE. */
    public void late(String topic) {
        counts(topic).settled(Settlement.LATE);
    }

    /** A reference record was applied to the enterprise table. */
    public void referenceApplied(String topic) {
        counts(topic).referenceApplied();
    }

    /** A reference record was not applied; see {@code intake.ReferenceTableUpdater}. */
    public void referenceIgnored(String topic, DeadLetterReason reason) {
        counts(topic).referenceIgnored(reason);
    }

    /** The counts of one topic; all zero for a topic nothing was read from. */
    public TopicOutcomes snapshot(String topic) {
        TopicCounts counts = topics.get(topic);
        return counts == null ? new TopicCounts().snapshot() : counts.snapshot();
    }

    /** The counts of every topic read from so far, by topic name. */
    public SortedMap<String, TopicOutcomes> snapshot() {
        SortedMap<String, TopicOutcomes> all = new TreeMap<>();
        topics.forEach((topic, counts) -> all.put(topic, counts.snapshot()));
        return all;
    }

    private TopicCounts counts(String topic) {
        return topics.computeIfAbsent(topic, t -> new TopicCounts());
    }

    private enum Settlement { ACCEPTED, DUPLICATE, LATE }

    private static final class TopicCounts {
        private long consumed;
        private long accepted;
        private long duplicates;
        private long inFlight;
        private final Map<DeadLetterReason, Long> deadLettered = new EnumMap<>(DeadLetterReason.class);
        private final Map<DeadLetterReason, Long> ignored = new EnumMap<>(DeadLetterReason.class);

        synchronized void rejectedAtIntake(DeadLetterReason reason) {
            consumed++;
            deadLettered.merge(reason, 1L, Long::sum);
        }

        synchronized void forwardedAtIntake() {
            consumed++;
            inFlight++;
        }

        synchronized void settled(Settlement settlement) {
            inFlight--;
            switch (settlement) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case LATE -> deadLettered.merge(DeadLetterReason.LATE, 1L, Long::sum);
            }
        }

        synchronized void referenceApplied() {
            consumed++;
            accepted++;
        }

        synchronized void referenceIgnored(DeadLetterReason reason) {
            consumed++;
            ignored.merge(reason, 1L, Long::sum);
        }

        synchronized TopicOutcomes snapshot() {
            return new TopicOutcomes(consumed, accepted, duplicates, deadLettered, ignored, inFlight);
        }
    }
}
