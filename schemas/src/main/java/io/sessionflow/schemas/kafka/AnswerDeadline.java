package io.sessionflow.schemas.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The moment the API stops waiting for a request's answer and tells its client the retryable 503,
 * carried on the request record as the header {@value #HEADER} (epoch milliseconds, decimal ASCII).
 * The API writes it; the processor skips, without deciding anything or writing any state, a request
 * it reads after this moment, since nobody waits for its answer and a retry (with the same
 * Idempotency-Key) is then decided as if the skipped request had never been sent. A record without
 * the header (written before it existed, or by another producer) is decided whenever it is read.
 *
 * <p>A header rather than a field of the request schemas: it says when its sender gives up, not what
 * was asked, and it leaves the released request schemas and their readers as they are.
 */
public final class AnswerDeadline {

    public static final String HEADER = "sessionflow-answer-deadline";

    private AnswerDeadline() {}

    public static void write(Headers headers, Instant deadline) {
        headers.remove(HEADER);
        headers.add(HEADER, Long.toString(deadline.toEpochMilli()).getBytes(StandardCharsets.US_ASCII));
    }

    /** The deadline a record carries; empty when it carries none or one that is not a number. */
    public static Optional<Instant> read(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    Instant.ofEpochMilli(Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the record's answer is no longer awaited at {@code nowMillis}: it carries a deadline before it. */
    public static boolean passed(Headers headers, long nowMillis) {
        return read(headers)
                .map(deadline -> deadline.toEpochMilli() < nowMillis)
                .orElse(false);
    }
}
