package io.sessionflow.api.zenskar;

import java.util.Locale;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.ProviderSurface;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Zenskar's surface ({@code /zenskar}): errors as FastAPI's own ({@code {"detail": "Not Found"}}, ...);
 * its API keys are credentials, and a call names its tenant in its {@code organisation} header.
 */
public final class ZenskarSurface implements ProviderSurface {

    public static final ZenskarSurface INSTANCE = new ZenskarSurface();

    private ZenskarSurface() {}

    @Override
    public String firstSegment() {
        return "zenskar";
    }

    @Override
    public ResponseEntity<Object> error(HttpStatus status, String message) {
        return ZenskarErrors.detail(status.value(), status.getReasonPhrase());
    }

    @Override
    public CreateAnswers createAnswers() {
        return ZenskarCreateAnswers.INSTANCE;
    }

    /** Its {@code session_token} is opaque ({@link ZenskarSessionController}). */
    @Override
    public boolean issuesOpaqueTokens() {
        return true;
    }

    @Override
    public boolean credentialed() {
        return true;
    }

    @Override
    public String namedTenant(HttpServletRequest request) {
        String organisation = request.getHeader("organisation");
        return organisation == null || organisation.isBlank() ? null : organisation.toLowerCase(Locale.ROOT);
    }
}
