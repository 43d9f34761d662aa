package io.industrybrain.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent Schema Registry wire format: one magic byte {@code 0}, the schema id as a 4-byte
 * big-endian int, then the Avro binary encoding of the value. Any Confluent-compatible client in
 * any language writes and reads exactly these bytes.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() { }

    /** A parsed frame: the schema id and where the Avro body lies in the original array. */
    public record Frame(int schemaId, byte[] data, int bodyOffset) {
        public int bodyLength() { return data.length - bodyOffset; }
    }

    /**
     * Splits the header from the body without copying.
     *
     * @throws NotWireFormatException when the bytes are null, shorter than the header, or do not
     *     start with the magic byte
     */
    public static Frame parse(byte[] data) {
        if (data == null) {
            throw new NotWireFormatException("no bytes (null value)");
        }
        if (data.length < HEADER_LENGTH) {
            throw new NotWireFormatException("only " + data.length + " bytes; the wire format needs at least "
                    + HEADER_LENGTH + " (magic byte and schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new NotWireFormatException(String.format("first byte is 0x%02x, not the magic byte 0x00", data[0]));
        }
        return new Frame(ByteBuffer.wrap(data, 1, 4).getInt(), data, HEADER_LENGTH);
    }

    /** The five header bytes for a schema id. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC_BYTE).putInt(schemaId).array();
    }
}
