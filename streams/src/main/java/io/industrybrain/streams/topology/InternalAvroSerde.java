package io.industrybrain.streams.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for records only this application reads back (repartition envelopes, store values): Avro's
 * single-object encoding (a 2-byte marker, the 8-byte fingerprint of the writer's schema, the binary
 * body), so no registry is needed. State and in-flight records written by an earlier release carry that release's
 * fingerprint: a schema change (its own, or of a contract record it embeds, such as {@code MetricRecord}) records
 * the schema it replaces as the resource {@code previous/<Record>.v<n>.avsc} beside this class, and every version
 * found there is registered with the decoder, so those records still read.
 *
 * <p>It writes the encoding itself rather than through Avro's {@code BinaryMessageEncoder}, whose unbuffered
 * encoder makes one synchronized stream write per field, and the body through a {@link CompiledAvroWriter}: on
 * every event's way through the window stage those were the largest costs of the stream thread. The bytes are
 * the same. Likewise it reads bytes of its own schema with a buffered decoder, and leaves every other header (an
 * older schema, garbage) to Avro's {@code BinaryMessageDecoder}.
 */
public final class InternalAvroSerde<T> implements Serde<T> {

    private static final byte[] SINGLE_OBJECT_MARKER = {(byte) 0xC3, 0x01};

    private final Schema schema;
    private final SpecificData model;
    private final byte[] header;
    private final BinaryMessageDecoder<T> decoder;
    private final CompiledAvroWriter<T> writer;
    /** Per thread: stores and serdes are shared by every stream thread. */
    private final ThreadLocal<Writing> writing;
    private final ThreadLocal<Reading<T>> reading;

    /** A serde of one generated record class. */
    public static <T> InternalAvroSerde<T> of(Class<T> recordClass) {
        SpecificData model = SpecificData.getForClass(recordClass);
        InternalAvroSerde<T> serde = new InternalAvroSerde<>(model, model.getSchema(recordClass));
        for (int version = 1; ; version++) {
            String resource = "previous/" + recordClass.getSimpleName() + ".v" + version + ".avsc";
            try (InputStream previous = InternalAvroSerde.class.getResourceAsStream(resource)) {
                if (previous == null) {
                    return serde;
                }
                serde.decoder.addSchema(new Schema.Parser().parse(previous));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    /** A serde of any schema the model's classes make up, such as a union of records. */
    public InternalAvroSerde(SpecificData model, Schema schema) {
        this.schema = schema;
        this.model = model;
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = Arrays.copyOf(SINGLE_OBJECT_MARKER, SINGLE_OBJECT_MARKER.length + Long.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            header[SINGLE_OBJECT_MARKER.length + i] = (byte) (fingerprint >>> (8 * i));
        }
        this.writer = new CompiledAvroWriter<>(model, schema);
        this.writing = ThreadLocal.withInitial(Writing::new);
        this.reading = ThreadLocal.withInitial(() -> new Reading<>(new SpecificDatumReader<>(this.schema, this.schema, this.model)));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            Writing w = writing.get();
            try {
                w.buffer.reset();
                w.buffer.write(header, 0, header.length);
                w.encoder = EncoderFactory.get().binaryEncoder(w.buffer, w.encoder);
                writer.write(value, w.encoder);
                w.encoder.flush();
                return w.buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                if (bytes.length >= header.length && Arrays.equals(bytes, 0, header.length, header, 0, header.length)) {
                    Reading<T> r = reading.get();
                    r.decoder = DecoderFactory.get().binaryDecoder(bytes, header.length, bytes.length - header.length, r.decoder);
                    return r.reader.read(null, r.decoder);
                }
                return decoder.decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read an internal record from " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    /** One thread's encoder and buffer, reused record after record. */
    private static final class Writing {
        final Buffer buffer = new Buffer();
        BinaryEncoder encoder;
    }

    /** One thread's reader and decoder. */
    private static final class Reading<T> {
        final SpecificDatumReader<T> reader;
        BinaryDecoder decoder;

        Reading(SpecificDatumReader<T> reader) {
            this.reader = reader;
        }
    }

    /** A growable byte buffer without ByteArrayOutputStream's locking. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes = new byte[512];
        private int size;

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] from, int offset, int length) {
            ensure(length);
            System.arraycopy(from, offset, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
