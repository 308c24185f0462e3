package io.sessionflow.api.introspection;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sessionflow.api.CredentialedSurface;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Token introspection's surface ({@code /sessions}): errors with RFC 6749 section 5.2's codes, as the
 * introspection endpoint answers its own.
 */
public final class IntrospectionSurface {

    public static final CredentialedSurface INSTANCE =
            new CredentialedSurface("sessions", IntrospectionController.MAX_BODY_BYTES, IntrospectionSurface::error);

    private IntrospectionSurface() {}

    private static ResponseEntity<Object> error(HttpStatus status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put(
                "error",
                switch (status) {
                    case SERVICE_UNAVAILABLE, TOO_MANY_REQUESTS -> "temporarily_unavailable";
                    default -> status.is5xxServerError() ? "server_error" : "invalid_request";
                });
        error.put("error_description", message);
        return ResponseEntity.status(status).body(error);
    }
}
