package io.sessionflow.api.limits;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import io.sessionflow.api.Surface;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/**
 * The tenant a call names before its credential is checked: Algoreg's Basic user ({@code <tenant id>:<key>}),
 * Zenskar's {@code organisation} header. Only what the call claims, never verified: used to count refused
 * credentials per tenant.
 */
final class NamedTenant {

    private NamedTenant() {}

    /** @return the tenant, or null when the call names none */
    static String of(Surface surface, HttpServletRequest request) {
        return switch (surface) {
            case ALGOREG -> basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
            case ZENSKAR -> {
                String organisation = request.getHeader("organisation");
                yield organisation == null || organisation.isBlank() ? null : organisation.toLowerCase(Locale.ROOT);
            }
            default -> null;
        };
    }

    private static String basicUser(String authorization) {
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
