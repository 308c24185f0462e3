package io.sessionflow.api.liveperson;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.liveperson.LivePersonParameters.Invalid;
import io.sessionflow.api.liveperson.LivePersonParameters.Method;
import io.sessionflow.api.liveperson.LivePersonParameters.Result;
import io.sessionflow.api.liveperson.LivePersonParameters.Valid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LivePersonParametersTest {

    @ParameterizedTest
    @ValueSource(strings = {"v=1.0", "v=1", "v=1.00", "v=01.0", "sid=&v=1.0", "v=1.0&other=x"})
    void versionOnePassesInEveryDecimalSpelling(String query) {
        assertThat(LivePersonParameters.check(Method.POST, "12345678", null, query))
                .isEqualTo(new Valid("12345678", null, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "v=",
                "v=2.0",
                "v=1.1",
                "v=0.9",
                "v=1.0&v=1.0",
                "v=1e0",
                "v=1.0d",
                "v=%201.0",
                "v=one",
                "x=1.0",
                "v=1.",
                "v=.1"
            })
    void anyOtherVersionIsIllegal(String query) {
        Result result = LivePersonParameters.check(Method.POST, "12345678", null, query);

        assertThat(result).isEqualTo(new Invalid(33, "Illegal Version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with-dash", "a.b", "ÄBC", "123456789012345678901", "has space"})
    void accountIdMustMatchThePattern(String accountId) {
        Result result = LivePersonParameters.check(Method.POST, accountId, null, "v=1.0");

        assertThat(result).isEqualTo(new Invalid(102, "accountId must match ^[a-zA-Z0-9_]{1,20}$"));
    }

    @Test
    void accountIdIsCheckedBeforeTheVersion() {
        assertThat(((Invalid) LivePersonParameters.check(Method.POST, "bad-id", null, "v=9")).internalCode())
                .isEqualTo(102);
    }

    @Test
    void aDecodedSidAndVisitorPass() {
        assertThat(LivePersonParameters.check(Method.PUT, "demo_account", "visitor_1", "v=1.0&sid=abc%2Ddef"))
                .isEqualTo(new Valid("demo_account", "visitor_1", "abc-def"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "sid pattern         | POST | visitor-1 | v=1.0&sid=a.b             | sid must match ^[A-Za-z0-9_-]{1,64}$",
                "sid twice           | POST | visitor-1 | v=1.0&sid=a&sid=b         | sid must be given at most once",
                "visitorId pattern   | POST | a@b       | v=1.0                     | visitorId must match ^[A-Za-z0-9_-]{1,64}$",
                "sid without visitor | POST |           | v=1.0&sid=abc             | visitorId is required in the path together with sid",
                "PUT without sid     | PUT  | visitor-1 | v=1.0                     | sid is required to update a session",
                "PUT empty sid       | PUT  | visitor-1 | v=1.0&sid=                | sid is required to update a session",
                "PUT without visitor | PUT  |           | v=1.0&sid=abc             | visitorId is required in the path together with sid",
                "bad encoding        | POST |           | v=1.0&sid=%zz             | The query string is not validly URL-encoded",
            })
    void sidAndVisitorRules(String rule, Method method, String visitorId, String query, String message) {
        assertThat(LivePersonParameters.check(method, "12345678", visitorId, query))
                .as(rule)
                .isEqualTo(new Invalid(102, message));
    }

    @Test
    void aLongSidIsRefused() {
        assertThat(LivePersonParameters.check(Method.POST, "1", "v", "v=1&sid=" + "a".repeat(65)))
                .isInstanceOf(Invalid.class);
        assertThat(LivePersonParameters.check(Method.POST, "1", "v", "v=1&sid=" + "a".repeat(64)))
                .isInstanceOf(Valid.class);
    }
}
