package io.sessionflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the wire contract: the current schema of every topic value (and store value) is released, and every
 * released schema stays readable by the current one.
 */
class SchemaEvolutionTest {

    /** Every Avro topic value's type, then {@link ReleasedSchemas#STORE_VALUES}. */
    static List<Class<? extends SpecificRecord>> valueTypes() {
        return Stream.concat(
                        Topics.ALL.stream()
                                .filter(t -> t.valueSerde() instanceof AvroSerde<?>)
                                .map(t -> ((AvroSerde<?>) t.valueSerde()).type()),
                        ReleasedSchemas.STORE_VALUES.stream())
                .<Class<? extends SpecificRecord>>map(type -> type)
                .toList();
    }

    private static Schema currentSchema(Class<? extends SpecificRecord> type) {
        return SpecificData.getForClass(type).getSchema(type);
    }

    @ParameterizedTest
    @MethodSource("valueTypes")
    void currentSchemaIsTheLatestRelease(Class<? extends SpecificRecord> type) {
        Schema current = currentSchema(type);
        List<Schema> released = ReleasedSchemas.of(current.getFullName());

        assertThat(released).as("released schemas of %s", current.getFullName()).isNotEmpty();
        assertThat(SchemaNormalization.parsingFingerprint64(released.get(released.size() - 1)))
                .as(
                        "%s changed: add it as the next released/%s/v%d.avsc",
                        current.getFullName(), current.getFullName(), released.size() + 1)
                .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
    }

    @ParameterizedTest
    @MethodSource("valueTypes")
    void everyReleasedSchemaIsReadableByTheCurrentOne(Class<? extends SpecificRecord> type) {
        Schema current = currentSchema(type);
        for (Schema released : ReleasedSchemas.of(current.getFullName())) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, released)
                            .getType())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }
}
