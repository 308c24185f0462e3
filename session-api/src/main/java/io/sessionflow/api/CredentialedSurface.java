package io.sessionflow.api;

import java.util.OptionalInt;
import java.util.function.BiFunction;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A surface of sessionflow's own that a bearer token guards (admin, introspection): not rate limited per
 * address, each refused token counted against its caller, bodies up to its own cap.
 *
 * @param errors its error body for a status and the status in words
 */
public record CredentialedSurface(
        String firstSegment, int bodyBytes, BiFunction<HttpStatus, String, ResponseEntity<Object>> errors)
        implements Surface {

    @Override
    public ResponseEntity<Object> error(HttpStatus status, String message) {
        return errors.apply(status, message);
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
        return OptionalInt.of(bodyBytes);
    }
}
