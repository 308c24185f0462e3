package io.sessionflow.api;

import java.util.Objects;

/**
 * What parsing a request body came to, for every provider's parser: the request ({@link Valid}), or the
 * provider's refusal of it ({@link Invalid}, a record of the parser's own that its error format needs).
 * Parsers never throw: every input, including null, ends as one of the two.
 */
public sealed interface Parsed<T> permits Parsed.Valid, Parsed.Invalid {

    /** The body is well-formed and satisfies every rule the parser checks. */
    record Valid<T>(T value) implements Parsed<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The body is refused; the provider's record says how, in the words of its error format. */
    non-sealed interface Invalid<T> extends Parsed<T> {}
}
