package io.sessionflow.api.introspection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import io.sessionflow.api.Surface;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Token introspection's surface ({@code /sessions}): errors with RFC 6749 section 5.2's codes, as the
 * introspection endpoint answers its own; its bearer token a credential.
 */
public final class IntrospectionSurface implements Surface {

    public static final IntrospectionSurface INSTANCE = new IntrospectionSurface();

    private IntrospectionSurface() {}

    @Override
    public String firstSegment() {
        return "sessions";
    }

    @Override
    public ResponseEntity<Object> error(HttpStatus status, String message) {
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

    @Override
    public boolean rateLimited() {
        return false;
    }

    @Override
    public boolean credentialed() {
        return true;
    }

    @Override
    public OptionalInt maxBodyBytes() {
        return OptionalInt.of(IntrospectionController.MAX_BODY_BYTES);
    }
}
