package io.sessionflow.schemas;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The fields of one provider's session details record that {@link SessionStates} reads or leaves out, found
 * once per record class by their schema's field properties.
 *
 * @param idleTimeoutSeconds the position of the {@value SessionStates#IDLE_TIMEOUT_SECONDS} field, or -1
 * @param answerOnly         the positions of the {@value SessionStates#ANSWER_ONLY} fields
 */
record DetailsFields(int idleTimeoutSeconds, int[] answerOnly) {

    private static final DetailsFields NONE = new DetailsFields(-1, new int[0]);

    private static final ClassValue<DetailsFields> BY_CLASS = new ClassValue<>() {
        @Override
        protected DetailsFields computeValue(Class<?> type) {
            return SpecificRecord.class.isAssignableFrom(type)
                    ? read(SpecificData.get().getSchema(type))
                    : NONE;
        }
    };

    static DetailsFields of(Object details) {
        return BY_CLASS.get(details.getClass());
    }

    private static DetailsFields read(Schema schema) {
        List<Schema.Field> idle = flagged(schema, SessionStates.IDLE_TIMEOUT_SECONDS);
        if (idle.size() > 1 || idle.stream().anyMatch(f -> f.schema().getType() != Schema.Type.INT)) {
            throw new IllegalStateException(
                    schema.getFullName() + ": at most one int field may be " + SessionStates.IDLE_TIMEOUT_SECONDS);
        }
        List<Schema.Field> answerOnly = flagged(schema, SessionStates.ANSWER_ONLY);
        if (answerOnly.stream()
                .anyMatch(f ->
                        f.schema().getType() != Schema.Type.ARRAY && f.schema().getType() != Schema.Type.MAP)) {
            throw new IllegalStateException(
                    schema.getFullName() + ": only array and map fields may be " + SessionStates.ANSWER_ONLY);
        }
        return new DetailsFields(
                idle.isEmpty() ? -1 : idle.get(0).pos(),
                answerOnly.stream().mapToInt(Schema.Field::pos).toArray());
    }

    private static List<Schema.Field> flagged(Schema schema, String property) {
        return schema.getFields().stream()
                .filter(field -> Boolean.TRUE.equals(field.getObjectProp(property)))
                .toList();
    }

    Optional<Duration> idleTimeout(Object details) {
        return idleTimeoutSeconds < 0
                ? Optional.empty()
                : Optional.of(Duration.ofSeconds((Integer) ((SpecificRecord) details).get(idleTimeoutSeconds)));
    }

    /** The details with the answer-only fields empty: the same instance when they are already. */
    Object lean(Object details) {
        if (IntStream.of(answerOnly).allMatch(field -> isEmpty(((SpecificRecord) details).get(field)))) {
            return details;
        }
        SpecificRecord record = (SpecificRecord) details;
        Schema schema = record.getSchema();
        SpecificRecord lean = (SpecificRecord) SpecificData.newInstance(details.getClass(), schema);
        for (Schema.Field field : schema.getFields()) {
            lean.put(field.pos(), record.get(field.pos()));
        }
        for (int field : answerOnly) {
            lean.put(field, schema.getFields().get(field).schema().getType() == Schema.Type.MAP ? Map.of() : List.of());
        }
        return lean;
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof Collection<?> collection && collection.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty());
    }
}
