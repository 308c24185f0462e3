package io.sessionflow.runtime;

import io.sessionflow.schemas.registry.SchemaRegistrationRefusedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A schema the registry refused ends start-up in a few lines saying which and why, not a stack trace. */
public final class SchemaRegistrationFailureAnalyzer
        extends AbstractFailureAnalyzer<SchemaRegistrationRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaRegistrationRefusedException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Release the schema change compatibly (a new field needs a default; see docs/wire-formats.md), or,"
                        + " if the change is meant to break readers, write it to a new topic. Nothing was written.",
                cause);
    }
}
