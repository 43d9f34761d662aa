package io.industrybrain.streams.topology;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes a reference table's value once per stored version rather than on every lookup. An in-memory store
 * hands back the very array it holds for a key until the key is written again, so the array's identity says
 * whether the value is the one decoded last time; a write stores a new array and so is decoded afresh. Every
 * event looks its enterprise up (at intake and again when its window emits), and with the decode that was a
 * few per cent of the stream thread.
 *
 * <p>Only for values nobody changes once read (the reference records are read, never written, by the topology).
 * Direct-mapped on the array's identity hash: a collision only costs a decode; at most {@code SLOTS} arrays are
 * kept alive past their replacement. Shared by the stream threads: each slot is one immutable pair, written and
 * read whole.
 */
final class MemoizingDeserializer<T> implements Deserializer<T> {

    private static final int SLOTS = 1 << 16;

    private record Slot<T>(byte[] bytes, T value) {
    }

    private final Deserializer<T> inner;
    @SuppressWarnings("unchecked")
    private final Slot<T>[] slots = new Slot[SLOTS];

    MemoizingDeserializer(Deserializer<T> inner) {
        this.inner = inner;
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int index = System.identityHashCode(bytes) & (SLOTS - 1);
        Slot<T> slot = slots[index];
        if (slot != null && slot.bytes() == bytes) {
            return slot.value();
        }
        T value = inner.deserialize(topic, bytes);
        slots[index] = new Slot<>(bytes, value);
        return value;
    }
}
