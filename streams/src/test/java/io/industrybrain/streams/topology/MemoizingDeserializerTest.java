package io.industrybrain.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class MemoizingDeserializerTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private final Deserializer<String> counting = (topic, bytes) -> {
        decodes.incrementAndGet();
        return new String(bytes, StandardCharsets.UTF_8);
    };
    private final MemoizingDeserializer<String> memo = new MemoizingDeserializer<>(counting);

    @Test
    void theSameStoredArrayIsDecodedOnce() {
        byte[] stored = "E-1 chain A".getBytes(StandardCharsets.UTF_8);
        String first = memo.deserialize("t", stored);
        String again = memo.deserialize("t", stored);
        assertSame(first, again);
        assertEquals(1, decodes.get());
    }

    @Test
    void aNewArrayIsDecodedAfreshEvenWithEqualContent() {
        byte[] before = "E-1 chain A".getBytes(StandardCharsets.UTF_8);
        memo.deserialize("t", before);
        // a write to the store leaves a new array under the key: its value is read from it, never from the memo
        byte[] rewritten = "E-1 chain B".getBytes(StandardCharsets.UTF_8);
        assertEquals("E-1 chain B", memo.deserialize("t", rewritten));
        assertEquals("E-1 chain A", memo.deserialize("t", before));
        assertEquals(2, decodes.get());
        assertEquals("E-1 chain A", memo.deserialize("t", "E-1 chain A".getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, decodes.get());
    }

    @Test
    void nullStaysNull() {
        assertNull(memo.deserialize("t", null));
        assertEquals(0, decodes.get());
    }
}
