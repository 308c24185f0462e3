package io.sessionflow.api.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** A prefetched body is what the controllers read, and a POSTed form is parsed from it as Tomcat parses one. */
class PrefetchedBodyRequestTest {

    @Test
    void theBodyIsReadFromTheBytesAndAFormIsParsedFromThemWithTheQuery() throws Exception {
        PrefetchedBodyRequest request = prefetched("application/x-www-form-urlencoded; charset=UTF-8", "a=b");
        request.body("token=abc%C3%A9&token=2".getBytes(StandardCharsets.US_ASCII), false);

        assertThat(request.getParameter("token")).isEqualTo("abcé");
        assertThat(request.getParameterValues("token")).containsExactly("abcé", "2");
        assertThat(request.getParameter("a")).isEqualTo("b");
        assertThat(request.getParameterMap()).containsOnlyKeys("a", "token");
        assertThat(request.getInputStream().readAllBytes())
                .asString(StandardCharsets.US_ASCII)
                .isEqualTo("token=abc%C3%A9&token=2");
    }

    @Test
    void aFormLongerThanTheCapIsTomcats413AndABadOneIts400() {
        PrefetchedBodyRequest tooLong = prefetched("application/x-www-form-urlencoded", null);
        tooLong.body(new byte[10], true);
        assertThatThrownBy(() -> tooLong.getParameter("token"))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(413));

        PrefetchedBodyRequest undecodable = prefetched("application/x-www-form-urlencoded", null);
        undecodable.body("token=%C3%28".getBytes(StandardCharsets.US_ASCII), false);
        assertThatThrownBy(() -> undecodable.getParameter("token")).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aJsonBodyLeavesParametersToTheQuery() throws Exception {
        PrefetchedBodyRequest request = prefetched("application/json", "v=1.0");
        request.body("{\"token\":\"x\"}".getBytes(StandardCharsets.UTF_8), false);

        assertThat(request.getParameter("token")).isNull();
        assertThat(request.getParameter("v")).isEqualTo("1.0");
        assertThat(request.getReader().readLine()).isEqualTo("{\"token\":\"x\"}");
    }

    private static PrefetchedBodyRequest prefetched(String contentType, String query) {
        MockHttpServletRequest raw = new MockHttpServletRequest("POST", "/sessions/introspect");
        raw.setContentType(contentType);
        raw.setCharacterEncoding("UTF-8");
        if (query != null) {
            raw.setQueryString(query);
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                raw.addParameter(nameValue[0], nameValue[1]);
            }
        }
        return new PrefetchedBodyRequest(raw);
    }
}
