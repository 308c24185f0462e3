package io.sessionflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the wire contract: the current schema of every topic value is released, and every
 * released schema stays readable by the current one.
 */
class SchemaEvolutionTest {

    static List<Topic<?, ?>> avroTopics() {
        return Topics.ALL.stream()
                .filter(t -> t.valueSerde() instanceof AvroSerde<?>)
                .toList();
    }

    private static Schema currentSchema(Topic<?, ?> topic) {
        Class<? extends SpecificRecord> type = ((AvroSerde<?>) topic.valueSerde()).type();
        return SpecificData.getForClass(type).getSchema(type);
    }

    @ParameterizedTest
    @MethodSource("avroTopics")
    void currentSchemaIsTheLatestRelease(Topic<?, ?> topic) {
        Schema current = currentSchema(topic);
        List<Schema> released = ReleasedSchemas.of(current.getFullName());

        assertThat(released).as("released schemas of %s", current.getFullName()).isNotEmpty();
        assertThat(SchemaNormalization.parsingFingerprint64(released.get(released.size() - 1)))
                .as(
                        "%s changed: add it as the next released/%s/v%d.avsc",
                        current.getFullName(), current.getFullName(), released.size() + 1)
                .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
    }

    @ParameterizedTest
    @MethodSource("avroTopics")
    void everyReleasedSchemaIsReadableByTheCurrentOne(Topic<?, ?> topic) {
        Schema current = currentSchema(topic);
        for (Schema released : ReleasedSchemas.of(current.getFullName())) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, released)
                            .getType())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }
}
