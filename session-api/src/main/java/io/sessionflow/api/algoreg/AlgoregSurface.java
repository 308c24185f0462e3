package io.sessionflow.api.algoreg;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.ProviderSurface;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Algoreg's surface ({@code /algoreg}): errors in {@link AlgoregError}'s format; its API keys are
 * credentials, and a call names its tenant as its Basic user ({@code <tenant id>:<key>}).
 */
public final class AlgoregSurface implements ProviderSurface {

    public static final AlgoregSurface INSTANCE = new AlgoregSurface();

    private AlgoregSurface() {}

    @Override
    public String firstSegment() {
        return "algoreg";
    }

    @Override
    public ResponseEntity<Object> error(HttpStatus status, String message) {
        return AlgoregError.response(
                status.value(),
                switch (status) {
                    case NOT_FOUND -> AlgoregError.NOT_FOUND;
                    case METHOD_NOT_ALLOWED -> AlgoregError.METHOD_NOT_ALLOWED;
                    case CONTENT_TOO_LARGE -> AlgoregError.REQUEST_TOO_LARGE;
                    case UNSUPPORTED_MEDIA_TYPE -> AlgoregError.UNSUPPORTED_MEDIA_TYPE;
                    case TOO_MANY_REQUESTS -> AlgoregError.RATE_LIMITED;
                    case SERVICE_UNAVAILABLE -> AlgoregError.SERVICE_UNAVAILABLE;
                    default -> status.is5xxServerError() ? AlgoregError.INTERNAL_ERROR : AlgoregError.INVALID_REQUEST;
                },
                message,
                null);
    }

    @Override
    public CreateAnswers createAnswers() {
        return AlgoregCreateAnswers.INSTANCE;
    }

    @Override
    public boolean credentialed() {
        return true;
    }

    /** The Basic user, as claimed: a Bearer key names no tenant. */
    @Override
    public String namedTenant(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.strip().regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(
                    Base64.getDecoder()
                            .decode(authorization.strip().substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
