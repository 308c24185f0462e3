package io.sessionflow.api.limits;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sessionflow.api.AdmissionLimit;
import io.sessionflow.api.ProviderSurface;
import io.sessionflow.api.Surface;
import io.sessionflow.api.SurfaceErrors;
import io.sessionflow.api.Surfaces;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link AdmissionLimit} on every provider surface's {@code POST} (the create calls), applied once the request
 * was received whole ({@link BodyPrefetchFilter}) and passed the per-address limits ({@link AbuseLimitFilter}),
 * before anything parses or authenticates it: past the limit it is answered the surface's retryable 503 with
 * {@code Retry-After} ({@link SurfaceErrors}), written from bytes made once at start (no JSON writing, no log
 * line per refusal), and nothing is published. An admitted call is counted until its answer is written (the
 * async cycle's end), and its latency from its receipt is the limit's sample; its own 503 (no answer in time)
 * counts as a drop. A slow client's upload is not counted: the body is read, without a thread, before this.
 * Registered twice: once before the body is read, where it refuses while the limit is full and admits nothing, so
 * that past capacity most refusals cost no body read and no async cycle; and once after, where it admits.
 *
 * <p>The time a call waited inside Tomcat before the first filter ({@link ArrivalDelayValve}: for CPU, behind the
 * other requests) counts too: a create that waited longer than {@code maxArrivalDelay} is refused by the first check
 * while at least half the limit is in use (it is already late, and the service is busy), and an admitted call's latency sample starts that much before its receipt, so that a machine
 * saturated by admitted work lowers the limit even while the admitted calls themselves are quick once they run.
 */
public final class AdmissionLimitFilter implements Filter {

    private static final String DECIDED = AdmissionLimitFilter.class.getName() + ".decided";
    private final AdmissionLimit limit;
    private final boolean early;
    private final long maxArrivalDelayNanos;
    private final Surfaces creating;
    private final Map<Surface, Refusal> refusals = new IdentityHashMap<>();

    /**
     * @param early whether this is the check before the body is read, which only refuses while the limit is full,
     *              admitting nothing: past capacity most of the excess is then refused before its body is read
     *              and its async cycle started; the one after the body admits
     * @param maxArrivalDelay the check before the body refuses a create that waited longer inside Tomcat; zero: never
     */
    AdmissionLimitFilter(
            AdmissionLimit limit,
            boolean early,
            Duration maxArrivalDelay,
            List<ProviderSurface> providers,
            JsonMapper json) {
        this.limit = limit;
        this.early = early;
        this.maxArrivalDelayNanos = maxArrivalDelay.isZero() ? Long.MAX_VALUE : maxArrivalDelay.toNanos();
        this.creating = new Surfaces(providers);
        for (Surface surface : providers) {
            refusals.put(surface, Refusal.of(SurfaceErrors.answer(surface, HttpStatus.SERVICE_UNAVAILABLE), json));
        }
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (!"POST".equals(request.getMethod()) || request.getAttribute(DECIDED) != null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Surface> surface = creating.of(request.getRequestURI());
        if (surface.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (early) {
            if (limit.hasRoom() && !lateUnderLoad(request)) {
                chain.doFilter(request, response);
            } else {
                refusals.get(surface.get()).write(response);
            }
            return;
        }
        request.setAttribute(DECIDED, Boolean.TRUE);
        Optional<AdmissionLimit.Admission> admitted =
                limit.tryAdmit(received(request) - ArrivalDelayValve.delayNanos(request));
        if (admitted.isEmpty()) {
            refusals.get(surface.get()).write(response);
            return;
        }
        AdmissionLimit.Admission admission = admitted.get();
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            admission.ignored();
            throw e;
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new Ending(admission, response));
        } else {
            admission.answered(response.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value());
        }
    }

    /**
     * Waited too long in Tomcat while at least half the limit is in use: past capacity, not a lone call on a machine
     * other work keeps busy (a test run, a neighbour), which is served.
     */
    private boolean lateUnderLoad(HttpServletRequest request) {
        return ArrivalDelayValve.delayNanos(request) > maxArrivalDelayNanos && 2 * limit.inFlight() >= limit.limit();
    }

    private static long received(HttpServletRequest request) {
        return request.getAttribute(BodyPrefetchFilter.RECEIVED_NANOS) instanceof Long nanos
                ? nanos
                : System.nanoTime();
    }

    /** Reports the admitted call once its answer is written; follows it into every later async cycle. */
    private record Ending(AdmissionLimit.Admission admission, HttpServletResponse response) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            admission.answered(response.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value());
        }

        @Override
        public void onTimeout(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {
            admission.ignored();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    /** A surface's 503, ready to write. */
    private record Refusal(int status, List<Map.Entry<String, String>> headers, byte[] body) {

        static Refusal of(ResponseEntity<Object> answer, JsonMapper json) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            answer.getHeaders().forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
            return new Refusal(
                    answer.getStatusCode().value(), List.copyOf(headers), json.writeValueAsBytes(answer.getBody()));
        }

        void write(HttpServletResponse response) throws IOException {
            response.setStatus(status);
            headers.forEach(header -> response.addHeader(header.getKey(), header.getValue()));
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
