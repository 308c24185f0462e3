package io.sessionflow.chat;

import java.io.IOException;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's CORS checks, with two changes for the chat widget. A refused preflight is answered in
 * chat's error format ({@link ChatError}) instead of Spring's text. An actual request from an origin
 * CORS does not grant goes on without CORS headers instead of being refused here: the processor
 * decides for its widget key (403 {@code origin_not_allowed}), and the browser cannot read that
 * answer.
 */
public final class ChatCorsProcessor extends DefaultCorsProcessor {

    private final JsonMapper json;

    public ChatCorsProcessor(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean handleInternal(ServerHttpRequest request, ServerHttpResponse response, CorsConfiguration config,
                                     boolean preFlightRequest) throws IOException {
        boolean originAllowed = checkOrigin(config, request.getHeaders().getOrigin()) != null;
        if (!preFlightRequest && (!originAllowed || !HttpMethod.POST.equals(request.getMethod()))) {
            return true;
        }
        if (!originAllowed) {
            refuse(response, "origin_not_allowed", "This origin may not call this API from a browser");
            return false;
        }
        return super.handleInternal(request, response, config, preFlightRequest);
    }

    /** A preflight for another method or other headers, or an Origin header Spring cannot parse. */
    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        refuse(response, "invalid_input", "This cross-origin request is not allowed: a browser may only POST, "
                + "with no headers but " + String.join(" and ", ChatCorsConfigurationSource.ALLOWED_HEADERS));
    }

    private void refuse(ServerHttpResponse response, String error, String message) throws IOException {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getBody().write(json.writeValueAsBytes(new ChatError(error, message, null)));
        response.flush();
    }
}
