package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

/** What a parser test expects of a {@link Parsed}: the request of a valid body, or the parser's own refusal. */
public final class ParsedAssertions {

    private ParsedAssertions() {}

    /** The request; fails the test, described by {@code body}, unless the body was valid. */
    public static <T> T valid(Parsed<T> parsed, String body) {
        assertThat(parsed).as(body).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid<T>) parsed).value();
    }

    /** The refusal; fails the test, described by {@code body}, unless the parser refused with that type. */
    public static <I extends Parsed.Invalid<?>> I invalid(Parsed<?> parsed, Class<I> type, String body) {
        assertThat(parsed).as(body).isInstanceOf(type);
        return type.cast(parsed);
    }
}
