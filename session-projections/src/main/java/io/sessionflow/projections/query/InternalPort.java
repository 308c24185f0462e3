package io.sessionflow.projections.query;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The internal port ({@code sessionflow.internal.port}): a second Tomcat connector on the same server,
 * serving {@value SessionQueryController#PATH} and nothing else, while the public port never serves it.
 * A request for the wrong port is answered as a path that does not exist (404 through the error page, as
 * any unknown path), before any security or controller sees it.
 */
public final class InternalPort {

    /** Every path below it is internal, served on the internal port only. */
    public static final String PREFIX = "/internal";

    private InternalPort() {}

    /** Adds the internal connector. */
    public static final class Connectors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        private final int port;

        public Connectors(int port) {
            this.port = port;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            Connector connector = new Connector(TomcatWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(port);
            factory.addAdditionalConnectors(connector);
        }
    }

    /** Keeps the internal endpoint on the internal port and the internal port to the internal endpoint. */
    public static final class Separation extends OncePerRequestFilter {

        private final int port;

        public Separation(int port) {
            this.port = port;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean internalPort = request.getLocalPort() == port;
            if (internalPort != isInternalPath(request)) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            chain.doFilter(request, response);
        }

        /** The path as the container decoded and normalized it (dot segments, path parameters, repeated slashes). */
        private static boolean isInternalPath(HttpServletRequest request) {
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            return path.regionMatches(true, 0, PREFIX + "/", 0, PREFIX.length() + 1) || path.equalsIgnoreCase(PREFIX);
        }
    }
}
