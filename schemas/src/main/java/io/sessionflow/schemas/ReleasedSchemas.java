package io.sessionflow.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.sessionflow.schemas.state.ProcessorSessionState;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every released version of a topic's value schema (or of a {@link #STORE_VALUES} type), kept as {@code released/<full name>/v<N>.avsc}
 * on the classpath so that records written by any earlier release stay readable. A schema change
 * is released by adding the next file; {@code SchemaEvolutionTest} fails until it is.
 */
public final class ReleasedSchemas {

    /**
     * Store values kept in an Avro format of their own (not a topic's value): released and guarded like the
     * topics' value schemas, since their changelogs outlive a release.
     */
    public static final List<Class<? extends SpecificRecord>> STORE_VALUES = List.of(ProcessorSessionState.class);

    private ReleasedSchemas() {}

    public static List<Schema> of(String fullName) {
        List<Schema> schemas = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = "/released/" + fullName + "/v" + version + ".avsc";
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(schemas);
                }
                schemas.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
    }
}
