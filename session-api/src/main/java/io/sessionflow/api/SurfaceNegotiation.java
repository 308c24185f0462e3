package io.sessionflow.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The provider surfaces answer JSON whatever the {@code Accept} header says, as the providers do:
 * their documents name no other representation and no 406, so an {@code Accept: text/html} (or a
 * malformed one) must not turn a documented answer into an undocumented error. Other paths (the
 * actuator) negotiate from {@code Accept} as usual.
 */
@Configuration(proxyBeanMethods = false)
public class SurfaceNegotiation implements WebMvcConfigurer {

    private final Surfaces surfaces;

    public SurfaceNegotiation(Surfaces surfaces) {
        this.surfaces = surfaces;
    }

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        ContentNegotiationStrategy byHeader = new HeaderContentNegotiationStrategy();
        configurer.strategies(List.of(request -> {
            HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
            return http != null && surfaces.of(http.getRequestURI()).isPresent()
                    ? ContentNegotiationStrategy.MEDIA_TYPE_ALL_LIST
                    : byHeader.resolveMediaTypes(request);
        }));
    }
}
