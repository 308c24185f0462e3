package io.sessionflow.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sessionflow.api.AdmissionLimit;
import io.sessionflow.api.AdmissionProperties;
import io.sessionflow.api.ProviderSurface;
import io.sessionflow.api.algoreg.AlgoregSurface;
import io.sessionflow.api.chat.ChatSurface;
import io.sessionflow.api.liveperson.LivePersonSurface;
import io.sessionflow.api.zenskar.ZenskarSurface;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admission filter on one request at a time, in front of a chain that starts the async cycle a create call's
 * controller starts: a create past the limit gets the surface's retryable 503 without reaching the chain; an
 * admitted one holds its place until its async cycle ends; other calls are not counted.
 */
class AdmissionLimitFilterTest {

    private static final String CHAT = "/chat/api/public/v1/chat/sessions";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration MAX_ARRIVAL_DELAY = Duration.ofMillis(50);

    private final AdmissionLimit limit = AdmissionLimit.fixed(1);
    private static final List<ProviderSurface> PROVIDERS =
            List.of(ChatSurface.INSTANCE, AlgoregSurface.INSTANCE, ZenskarSurface.INSTANCE, LivePersonSurface.INSTANCE);

    private final AdmissionLimitFilter filter =
            new AdmissionLimitFilter(limit, false, MAX_ARRIVAL_DELAY, PROVIDERS, JSON);
    private final AdmissionLimitFilter check =
            new AdmissionLimitFilter(limit, true, MAX_ARRIVAL_DELAY, PROVIDERS, JSON);

    private record Call(MockHttpServletRequest request, MockHttpServletResponse response, boolean passedOn) {}

    private Call call(String method, String path) throws Exception {
        return call(filter, method, path);
    }

    private Call call(AdmissionLimitFilter filter, String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setAsyncSupported(true);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                req.startAsync();
            }
        });
        filter.doFilter(request, response, chain);
        return new Call(request, response, chain.getRequest() != null);
    }

    @Test
    void aCreatePastTheLimitIsRefusedWithTheSurfacesRetryable503AndAdmittedAgainOnceTheCallInProgressEnds()
            throws Exception {
        Call first = call("POST", CHAT);
        assertThat(first.passedOn()).isTrue();
        assertThat(limit.inFlight()).isEqualTo(1);

        Call refused = call("POST", CHAT);
        assertThat(refused.passedOn()).as("a refused create reaches nothing").isFalse();
        assertThat(refused.response().getStatus()).isEqualTo(503);
        assertThat(refused.response().getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.response().getContentType()).startsWith("application/json");
        JsonNode body = JSON.readTree(refused.response().getContentAsByteArray());
        assertThat(body.path("error").asString()).isEqualTo("service_unavailable");

        Call zenskar = call("POST", "/zenskar/customers/session");
        assertThat(zenskar.response().getStatus()).isEqualTo(503);
        assertThat(JSON.readTree(zenskar.response().getContentAsByteArray())
                        .path("detail")
                        .isString())
                .as("in Zenskar's format")
                .isTrue();

        ((MockAsyncContext) first.request().getAsyncContext()).complete();
        assertThat(limit.inFlight())
                .as("once the admitted call's answer is written")
                .isZero();
        assertThat(call("POST", CHAT).passedOn()).isTrue();
    }

    @Test
    void theCheckBeforeTheBodyRefusesWhileTheLimitIsFullAndAdmitsNothing() throws Exception {
        assertThat(call(check, "POST", CHAT).passedOn()).isTrue();
        assertThat(limit.inFlight()).as("the check admits nothing").isZero();

        call("POST", CHAT);
        Call refused = call(check, "POST", CHAT);
        assertThat(refused.passedOn()).isFalse();
        assertThat(refused.response().getStatus()).isEqualTo(503);
        assertThat(refused.response().getHeader("Retry-After")).isEqualTo("1");
    }

    @Test
    void callsThatCreateNothingAreNotCounted() throws Exception {
        call("POST", CHAT);

        assertThat(call("GET", "/algoreg/api/v1/session/abc").passedOn()).isTrue();
        assertThat(call("OPTIONS", CHAT).passedOn()).isTrue();
        assertThat(call("POST", "/admin/catalog").passedOn()).isTrue();
        assertThat(call("POST", "/sessions/introspect").passedOn()).isTrue();
        assertThat(limit.inFlight()).isEqualTo(1);
    }

    @Test
    void theCheckBeforeTheBodyRefusesACreateThatAlreadyWaitedTooLongInTomcatWhileHalfTheLimitIsInUse()
            throws Exception {
        AdmissionLimit four = AdmissionLimit.fixed(4);
        AdmissionLimitFilter checkFour = new AdmissionLimitFilter(four, true, MAX_ARRIVAL_DELAY, PROVIDERS, JSON);
        assertThat(call(checkFour, "POST", CHAT, Duration.ofMillis(80)).passedOn())
                .as("a lone late create, nothing in progress")
                .isTrue();

        AdmissionLimitFilter admitFour = new AdmissionLimitFilter(four, false, MAX_ARRIVAL_DELAY, PROVIDERS, JSON);
        call(admitFour, "POST", CHAT);
        call(admitFour, "POST", CHAT);
        assertThat(four.inFlight()).isEqualTo(2);
        Call late = call(checkFour, "POST", CHAT, Duration.ofMillis(80));
        assertThat(late.passedOn()).as("a late create reaches nothing").isFalse();
        assertThat(late.response().getStatus()).isEqualTo(503);
        assertThat(late.response().getHeader("Retry-After")).isEqualTo("1");
        assertThat(JSON.readTree(late.response().getContentAsByteArray())
                        .path("error")
                        .asString())
                .isEqualTo("service_unavailable");

        assertThat(call(checkFour, "POST", CHAT, Duration.ofMillis(20)).passedOn())
                .as("within the bound")
                .isTrue();
        assertThat(call(checkFour, "GET", "/algoreg/api/v1/session/abc", Duration.ofMillis(80))
                        .passedOn())
                .as("only creates are refused")
                .isTrue();
    }

    @Test
    void theWaitInTomcatCountsInTheAdmittedCallsLatencySoQuickCallsOnASaturatedMachineLowerTheLimit() throws Exception {
        AdmissionProperties adaptive =
                new AdmissionProperties(true, 200, 10, 500, Duration.ofMillis(100), Duration.ZERO);
        AdmissionLimit queued = AdmissionLimit.of(adaptive);
        callsAnsweredAtOnceFor(queued, Duration.ofMillis(300), Duration.ofMillis(1500));
        assertThat(queued.limit())
                .as("calls answered at once after 300 ms in Tomcat's queue")
                .isLessThan(150);

        AdmissionLimit unqueued = AdmissionLimit.of(adaptive);
        callsAnsweredAtOnceFor(unqueued, Duration.ZERO, Duration.ofMillis(1500));
        assertThat(unqueued.limit()).as("the same calls, not queued").isEqualTo(200);
    }

    private Call call(AdmissionLimitFilter filter, String method, String path, Duration arrivalDelay) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setAttribute(ArrivalDelayValve.DELAY_NANOS, arrivalDelay.toNanos());
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Call(request, response, chain.getRequest() != null);
    }

    /** Calls, one after the other, each answered synchronously, after {@code arrivalDelay} in Tomcat. */
    private static void callsAnsweredAtOnceFor(AdmissionLimit limit, Duration arrivalDelay, Duration during)
            throws Exception {
        AdmissionLimitFilter admitting = new AdmissionLimitFilter(limit, false, Duration.ZERO, PROVIDERS, JSON);
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", CHAT);
            request.setAttribute(ArrivalDelayValve.DELAY_NANOS, arrivalDelay.toNanos());
            admitting.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }
}
