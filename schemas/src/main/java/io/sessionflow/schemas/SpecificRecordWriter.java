package io.sessionflow.schemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.Utf8;

/**
 * Avro's writer of generated records, writing the same bytes with less work for strings, the bulk of the events
 * and states the processor writes: a {@code String} is encoded by {@link String#getBytes}, where Avro's encoder
 * first copies it one {@code charAt} call at a time, which the app's C1 JIT does not inline. Thread-safe, as Avro's
 * writer is.
 */
public final class SpecificRecordWriter<T> extends SpecificDatumWriter<T> {

    /** @param model the generated type's own ({@link GeneratedTypes#model}), which knows its logical types */
    public SpecificRecordWriter(Schema schema, SpecificData model) {
        super(schema, model);
    }

    @Override
    protected void writeString(Object datum, Encoder out) throws IOException {
        if (datum instanceof String string) {
            out.writeString(new Utf8(string.getBytes(StandardCharsets.UTF_8)));
        } else {
            super.writeString(datum, out);
        }
    }
}
