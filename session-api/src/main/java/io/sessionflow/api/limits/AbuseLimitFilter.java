package io.sessionflow.api.limits;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.sessionflow.api.Surface;
import io.sessionflow.api.SurfaceErrors;
import io.sessionflow.api.Surfaces;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-client-address limits, in one place for every surface, before any controller sees the request
 * (and after {@link BodyPrefetchFilter}, so that no refused body is left unread on the connection):
 * <ul>
 *   <li>a provider surface's call beyond its address's rate,</li>
 *   <li>a credentialed surface's call from an address, or naming a tenant, past its count of refused
 *   credentials (a final 401 of that surface counts one),</li>
 * </ul>
 * are answered 429 with {@code Retry-After} in the surface's format ({@link SurfaceErrors#tooManyRequests}),
 * and nothing is published for them. The client address is the request's remote address: Tomcat's, after
 * its RemoteIpValve trusted {@code X-Forwarded-For} from an internal proxy. A CORS preflight
 * ({@code OPTIONS}) is not counted; the call it precedes is. Per-tenant rates are {@code SessionRequests}'.
 */
public final class AbuseLimitFilter extends OncePerRequestFilter {

    /** Set once the limits were applied: the chain runs again on the dispatch after a body was read. */
    private static final String CHECKED = AbuseLimitFilter.class.getName() + ".checked";

    private final Set<String> exemptAddresses;
    private final KeyedBuckets addressRequests;
    private final CredentialBackoff credentials;
    private final Surfaces surfaces;
    private final AnswerWriter answers;

    AbuseLimitFilter(LimitsProperties limits, CredentialBackoff credentials, Surfaces surfaces, AnswerWriter answers) {
        this.exemptAddresses = Set.copyOf(limits.exemptAddresses());
        this.addressRequests =
                KeyedBuckets.smooth(limits.addressRequests(), limits.addressPeriod(), limits.trackedKeys());
        this.credentials = credentials;
        this.surfaces = surfaces;
        this.answers = answers;
    }

    /** Also on async dispatches: the one after {@link BodyPrefetchFilter} read a body, and the one with the final status. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Surface> surface = surfaces.of(request.getRequestURI());
        String address = request.getRemoteAddr();
        if (surface.isEmpty() || exemptAddresses.contains(address) || "OPTIONS".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        boolean credentialed = surface.get().credentialed();
        String tenant = credentialed ? surface.get().namedTenant(request) : null;
        if (request.getAttribute(CHECKED) == null) {
            request.setAttribute(CHECKED, Boolean.TRUE);
            Optional<Duration> refusal =
                    credentialed ? credentials.refusal(surface.get(), address, tenant) : Optional.empty();
            if (refusal.isEmpty() && surface.get().rateLimited()) {
                refusal = addressRequests.take(address);
            }
            if (refusal.isPresent()) {
                answers.write(response, SurfaceErrors.tooManyRequests(surface.get(), refusal.get()));
                return;
            }
        }
        chain.doFilter(request, response);
        if (credentialed && !request.isAsyncStarted() && response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            credentials.failed(surface.get(), address, tenant);
        }
    }
}
