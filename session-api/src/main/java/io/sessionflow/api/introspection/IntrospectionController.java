package io.sessionflow.api.introspection;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.sessionflow.api.RequestBodies;
import io.sessionflow.schemas.secrets.BearerCredential;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /sessions/introspect} in the spirit of RFC 7662: a resource server presents a session
 * token ({@code token} as a form field, or in a JSON body) with its own bearer credential and
 * learns whether the session is active, and for which session, provider and tenant until when.
 * Reads the projections' {@code sessions-by-key} store through {@link SessionIntrospection}.
 */
@RestController
public class IntrospectionController {

    public static final String PATH = "/sessions/introspect";
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final SessionIntrospection introspection;
    private final BearerCredential credential;
    private final ObjectMapper json;

    public IntrospectionController(
            SessionIntrospection introspection,
            @Qualifier("introspectionCredential") BearerCredential credential,
            ObjectMapper json) {
        this.introspection = introspection;
        this.credential = credential;
        this.json = json;
    }

    @PostMapping(PATH)
    public CompletableFuture<ResponseEntity<Object>> introspect(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            HttpServletRequest http)
            throws IOException {
        if (!credential.accepts(authorization)) {
            return CompletableFuture.completedFuture(ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .body(error("invalid_token", "A valid introspection bearer token is required")));
        }
        if (tokenInUrl(http.getQueryString())) {
            // a token in the URL ends up in access logs and proxies' records (RFC 7662 sends it in the body)
            return CompletableFuture.completedFuture(ResponseEntity.badRequest()
                    .body(error("invalid_request", "Send the token in the request body, not in the URL")));
        }
        String token = token(http);
        if (token == null || token.isBlank()) {
            return CompletableFuture.completedFuture(ResponseEntity.badRequest()
                    .body(error(
                            "invalid_request",
                            "The token parameter is required (form field or JSON property \"token\")")));
        }
        return introspection.introspect(token).thenApply(IntrospectionController::answer);
    }

    private static ResponseEntity<Object> answer(SessionIntrospection.Result result) {
        if (result instanceof SessionIntrospection.Active active) {
            return ResponseEntity.ok(active(active));
        }
        if (result instanceof SessionIntrospection.Unavailable) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .body(error("temporarily_unavailable", "Sessions cannot be read right now; retry"));
        }
        return ResponseEntity.ok(Map.of("active", false));
    }

    static boolean tokenInUrl(String queryString) {
        if (queryString == null) {
            return false;
        }
        for (String parameter : queryString.split("&")) {
            String name = parameter.split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                // compared as written
            }
            if (name.equals("token")) {
                return true;
            }
        }
        return false;
    }

    private String token(HttpServletRequest http) throws IOException {
        MediaType type;
        try {
            type = http.getContentType() == null
                    ? MediaType.APPLICATION_FORM_URLENCODED
                    : MediaType.parseMediaType(http.getContentType());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
            return http.getParameter("token");
        }
        if (!RequestBodies.isJsonOrAbsent(http.getContentType())) {
            return null;
        }
        byte[] body = RequestBodies.read(http, MAX_BODY_BYTES).orElse(null);
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode token = json.readTree(body).get("token");
            return token != null && token.isString() ? token.stringValue() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Map<String, Object> active(SessionIntrospection.Active active) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("token_type", "session");
        answer.put("sub", active.sessionId());
        answer.put("session_key", active.session().getSessionKey());
        answer.put("provider", active.provider());
        answer.put("tenant_id", active.session().getTenantId());
        answer.put("iat", active.issuedAt().getEpochSecond());
        answer.put("exp", active.expiresAt().getEpochSecond());
        answer.put("iss", "sessionflow");
        return answer;
    }

    private static Map<String, String> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }
}
