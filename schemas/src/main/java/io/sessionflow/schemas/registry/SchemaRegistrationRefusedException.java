package io.sessionflow.schemas.registry;

/**
 * The schema registry refused a topic's current value schema, by its compatibility rule: records written with it
 * could not be read by the subject's readers as the rule demands. Nothing may be written with it.
 */
public final class SchemaRegistrationRefusedException extends IllegalStateException {

    public SchemaRegistrationRefusedException(
            String url, String subject, String schema, String reason, Throwable cause) {
        super(
                "The schema registry at " + url + " refused " + schema + " under subject " + subject
                        + " (not compatible with the versions it holds, under its compatibility rule): " + reason,
                cause);
    }
}
