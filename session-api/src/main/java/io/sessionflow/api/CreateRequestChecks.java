package io.sessionflow.api;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;

/**
 * The checks a create call makes before its body is parsed, in this order: a JSON Content-Type (or none),
 * a well-formed Idempotency-Key, a body within the size limit. A provider words each refusal its own way.
 * (Zenskar's FastAPI validates the body and its headers together, and so does not use these.)
 */
public interface CreateRequestChecks {

    ResponseEntity<Object> notJson();

    ResponseEntity<Object> badIdempotencyKey(String problem);

    ResponseEntity<Object> bodyTooLarge(int maxBytes);

    /** What the checks came to: the body, or the refusal to answer with. */
    sealed interface Checked permits Body, Refused {}

    record Body(byte[] bytes) implements Checked {}

    record Refused(ResponseEntity<Object> response) implements Checked {}

    default Checked check(HttpServletRequest http, String idempotencyKey, int maxBytes) throws IOException {
        if (!RequestBodies.isJsonOrAbsent(http.getContentType())) {
            return new Refused(notJson());
        }
        String keyProblem = SessionKeys.idempotencyKeyProblem(idempotencyKey);
        if (keyProblem != null) {
            return new Refused(badIdempotencyKey(keyProblem));
        }
        Optional<byte[]> body = RequestBodies.read(http, maxBytes);
        return body.<Checked>map(Body::new).orElseGet(() -> new Refused(bodyTooLarge(maxBytes)));
    }
}
