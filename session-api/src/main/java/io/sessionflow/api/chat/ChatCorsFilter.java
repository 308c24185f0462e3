package io.sessionflow.api.chat;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Spring's {@link CorsFilter} with {@link ChatCorsProcessor}, on the chat surface only: other
 * surfaces get no CORS processing at all (not even {@code Vary}, nor Spring's refusal of an
 * {@code Origin} it cannot parse).
 */
public final class ChatCorsFilter extends CorsFilter {

    public ChatCorsFilter(CorsConfigurationSource source, ChatCorsProcessor processor) {
        super(source);
        setCorsProcessor(processor);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ChatSurface.INSTANCE.serves(request.getRequestURI());
    }
}
