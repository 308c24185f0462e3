package io.sessionflow.api.chat;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS for the chat widget's surface only (every other surface is called server to server and gets
 * none): {@code POST} with no headers but those the widget sends, no credentials, from an origin that
 * an enabled widget key allows ({@link WidgetKeyOrigins}), the allowed origin echoed.
 */
public final class ChatCorsConfigurationSource implements CorsConfigurationSource {

    /** The request headers the widget sends. */
    public static final List<String> ALLOWED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, "Idempotency-Key");

    private final CorsConfiguration chat;

    public ChatCorsConfigurationSource(WidgetKeyOrigins origins, Duration maxAge) {
        this.chat = new WidgetKeyCorsConfiguration(origins);
        chat.setAllowedMethods(List.of(HttpMethod.POST.name()));
        chat.setAllowedHeaders(ALLOWED_HEADERS);
        chat.setMaxAge(maxAge);
    }

    @Override
    public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
        return ChatSurface.INSTANCE.serves(request.getRequestURI()) ? chat : null;
    }

    /** Origins decided by the catalog, not by a fixed list. */
    private static final class WidgetKeyCorsConfiguration extends CorsConfiguration {

        private final WidgetKeyOrigins origins;

        WidgetKeyCorsConfiguration(WidgetKeyOrigins origins) {
            this.origins = origins;
        }

        @Override
        public String checkOrigin(String origin) {
            return origins.allows(origin) ? origin : null;
        }

        /** All or nothing: Spring would grant the allowed part of the request's headers and leave the rest to the browser. */
        @Override
        public List<String> checkHeaders(List<String> requestHeaders) {
            List<String> allowed = super.checkHeaders(requestHeaders);
            return allowed == null
                            || requestHeaders == null
                            || allowed.size()
                                    < requestHeaders.stream()
                                            .filter(header -> !header.isBlank())
                                            .count()
                    ? null
                    : allowed;
        }
    }
}
