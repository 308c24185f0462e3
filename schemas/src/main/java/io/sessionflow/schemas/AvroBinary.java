package io.sessionflow.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * A format's prefix, then a value's Avro binary: what every value format here writes (single-object encoding,
 * Confluent wire format, the processor's versioned store values), and reads back. Avro's buffered encoder and its
 * decoder over an array are kept per thread; Avro's message decoder reads through a direct decoder, a call on a
 * synchronized input stream for each byte, which was half of the projections' stream thread.
 */
public final class AvroBinary {

    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private AvroBinary() {}

    public static <T> byte[] write(byte[] prefix, DatumWriter<T> writer, T value, int expectedSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(expectedSize);
        out.writeBytes(prefix);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
        ENCODERS.set(encoder);
        try {
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The value in {@code bytes} after a prefix of {@code offset} bytes; bytes after it are ignored. */
    public static <T> T read(byte[] bytes, int offset, DatumReader<T> reader) throws IOException {
        BinaryDecoder decoder =
                DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, DECODERS.get());
        DECODERS.set(decoder);
        return reader.read(null, decoder);
    }
}
