package io.sessionflow.schemas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Releases changed topic schemas: for every Avro topic value (and store value) whose current schema differs from its
 * latest released one, writes the next {@code released/<full name>/v<N>.avsc}. A version not yet on
 * main may be rewritten with {@code --amend} instead of adding another.
 *
 * <pre>mvn -q -pl schemas test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sessionflow.schemas.ReleaseSchemas [-Dexec.args=--amend]</pre>
 */
public final class ReleaseSchemas {

    public static void main(String[] args) throws IOException {
        boolean amend = List.of(args).contains("--amend");
        Path released = Path.of("src/main/resources/released");
        for (Class<? extends SpecificRecord> type : SchemaEvolutionTest.valueTypes()) {
            Schema current = SpecificData.getForClass(type).getSchema(type);
            List<Schema> versions = ReleasedSchemas.of(current.getFullName());
            if (!versions.isEmpty()
                    && SchemaNormalization.parsingFingerprint64(versions.get(versions.size() - 1))
                            == SchemaNormalization.parsingFingerprint64(current)) {
                continue;
            }
            int version = amend && !versions.isEmpty() ? versions.size() : versions.size() + 1;
            Path file = released.resolve(current.getFullName()).resolve("v" + version + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + System.lineSeparator());
            System.out.println("wrote " + file);
        }
    }
}
