package io.industrybrain.streams.topology.intake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values of a global reference table as its {@link ReferenceTableUpdater} applied them, decoded, shared by this
 * instance's stream threads. Every event and every ENTERPRISE record looks its enterprise up: from the global store
 * that is a store read and an Avro decode each time, about a tenth of the stream thread's work at a province's
 * 30,000 enterprises; from here it is a hash-map read.
 *
 * <p>The global store stays the table Kafka Streams keeps and restores; this copy only saves the decoding. Kafka
 * Streams re-reads a global store through its processor at start, so the copy holds every key the store does; a
 * reader that finds no value here still asks the store ({@link EnterpriseResolver}), so that a store filled some other
 * way could make a look-up slower, never wrong. The updater writes the store first and this copy second, on the one
 * global thread: a reader sees a value the table held.
 */
public final class DecodedReferenceTable<T> {

    /** Told of every change, on the global thread, after the copy has it: what a key held before (or null) and holds now. */
    @FunctionalInterface
    public interface Listener<T> {
        void changed(T before, T after);
    }

    private final Map<String, T> values = new ConcurrentHashMap<>();
    private final Listener<T> listener;

    public DecodedReferenceTable() {
        this((before, after) -> { });
    }

    public DecodedReferenceTable(Listener<T> listener) {
        this.listener = listener;
    }

    void applied(String key, T value) {
        listener.changed(values.put(key, value), value);
    }

    void removed(String key) {
        T before = values.remove(key);
        if (before != null) {
            listener.changed(before, null);
        }
    }

    /** The value last applied under the key, or null when none was or it was removed. */
    T get(String key) {
        return values.get(key);
    }
}
