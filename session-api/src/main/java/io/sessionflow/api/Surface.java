package io.sessionflow.api;

import java.util.OptionalInt;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * An HTTP surface sessionflow serves, by the first segment of its paths: a provider's
 * ({@link ProviderSurface}), the admin API's or introspection's. Each answers in its own format only
 * (JSON, whatever {@code Accept} asks for), errors included: see {@link SurfaceErrors},
 * {@link SurfaceErrorController}, {@link SurfaceErrorReportValve} and {@link SurfaceNegotiation}. The
 * surfaces are Spring beans, found by {@link Surfaces}.
 */
public interface Surface {

    /** The first segment of every path of this surface ("chat"). */
    String firstSegment();

    /**
     * This surface's error body for a status that reached no code of its own ({@link SurfaceErrors}).
     *
     * @param message the status in words, the same for every surface
     */
    ResponseEntity<Object> error(HttpStatus status, String message);

    /** Whether its calls are counted against their client address's rate. */
    boolean rateLimited();

    /** Whether a final 401 of this surface counts as a refused credential for its address and named tenant. */
    boolean credentialed();

    /** The tenant a call names before its credential is checked (never verified), or null when it names none. */
    default String namedTenant(HttpServletRequest request) {
        return null;
    }

    /** The most body bytes a call may send, when it is not {@code sessionflow.api.max-body-bytes}. */
    default OptionalInt maxBodyBytes() {
        return OptionalInt.empty();
    }

    /**
     * @param path a request path as sent (not decoded), or null. Its first segment is compared as a
     *             forgiving router would (repeated slashes, path parameters and case ignored), so that a
     *             near miss of a surface's path is still answered in that surface's format.
     */
    default boolean serves(String path) {
        return firstSegment().equalsIgnoreCase(Surfaces.firstSegmentOf(path));
    }
}
