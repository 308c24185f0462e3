package io.sessionflow.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * A format's prefix, then a value's Avro binary: what every value format here writes (single-object encoding,
 * Confluent wire format, the processor's versioned store values). Avro's buffered encoder is kept per thread; a
 * direct one writes each field to the synchronized output stream.
 */
public final class AvroBinary {

    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

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
}
