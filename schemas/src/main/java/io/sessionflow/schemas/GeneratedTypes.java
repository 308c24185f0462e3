package io.sessionflow.schemas;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro's model of our generated record types, for every reader and writer of them: Avro resolves record classes
 * by name while decoding, and trusts only ours, whichever reader is made first.
 */
public final class GeneratedTypes {

    static {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), type -> type.getName().startsWith("io.sessionflow.schemas.")));
    }

    private GeneratedTypes() {}

    /** The type's own model, which knows the conversions of its logical types. */
    public static SpecificData model(Class<?> type) {
        return SpecificData.getForClass(type);
    }
}
