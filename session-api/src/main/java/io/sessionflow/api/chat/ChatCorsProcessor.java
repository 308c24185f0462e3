package io.sessionflow.api.chat;

import java.io.IOException;

import io.sessionflow.schemas.chat.WebOrigins;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's CORS checks, with two changes for the chat widget. A refused preflight is answered in
 * chat's error format ({@link ChatError}, 403 {@code origin_not_allowed}) instead of Spring's text.
 * An actual request that CORS does not grant (its origin, or an {@code Origin} header that is no
 * origin) goes on without CORS headers instead of being refused here: the processor decides for its
 * widget key (403 {@code origin_not_allowed}), and the browser cannot read that answer.
 */
public final class ChatCorsProcessor extends DefaultCorsProcessor {

    private static final String ORIGIN_REFUSED = "This origin may not call this API from a browser";

    private final JsonMapper json;

    public ChatCorsProcessor(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (config == null || origin == null || WebOrigins.normalize(origin) != null) {
            return super.processRequest(config, request, response);
        }
        // not an origin (a path, "null", garbage): never granted, and not for Spring to parse
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        if (CorsUtils.isPreFlightRequest(request)) {
            refuse(new ServletServerHttpResponse(response), ORIGIN_REFUSED);
            return false;
        }
        return true;
    }

    @Override
    protected boolean handleInternal(
            ServerHttpRequest request, ServerHttpResponse response, CorsConfiguration config, boolean preFlightRequest)
            throws IOException {
        boolean originAllowed = checkOrigin(config, request.getHeaders().getOrigin()) != null;
        if (!preFlightRequest && (!originAllowed || !HttpMethod.POST.equals(request.getMethod()))) {
            return true;
        }
        if (!originAllowed) {
            refuse(response, ORIGIN_REFUSED);
            return false;
        }
        return super.handleInternal(request, response, config, preFlightRequest);
    }

    /** A preflight from an allowed origin for another method or other headers. */
    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        refuse(
                response,
                "A browser may only POST here, with no headers but "
                        + String.join(" and ", ChatCorsConfigurationSource.ALLOWED_HEADERS));
    }

    private void refuse(ServerHttpResponse response, String message) throws IOException {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getBody().write(json.writeValueAsBytes(new ChatError("origin_not_allowed", message, null)));
        response.flush();
    }
}
