package io.sessionflow.api;

import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's report of an error it answers itself, before any servlet runs (a path whose
 * percent-escapes are not UTF-8 or hold an encoded slash, a malformed query it was asked to parse):
 * below a provider's base path, the provider's error body ({@link SurfaceErrors}) instead of Tomcat's
 * HTML page. Other paths get Tomcat's page, without report or server information.
 */
public class SurfaceErrorReportValve extends ErrorReportValve {

    private final JsonMapper json;
    private final Surfaces surfaces;

    public SurfaceErrorReportValve(JsonMapper json, Surfaces surfaces) {
        this.json = json;
        this.surfaces = surfaces;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        Optional<Surface> surface = surfaces.of(request.getRequestURI());
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        if (surface.isEmpty() || status == null || !status.isError()) {
            super.report(request, response, throwable);
            return;
        }
        if (response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ResponseEntity<Object> answer = SurfaceErrors.answer(surface.get(), status);
        try {
            answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            // no filter ran, so Spring Security's headers are not there: an error answer is not stored either
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(answer.getBody()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing more can be said
        }
    }

    /** Puts this valve in place of the error report valve Spring Boot gives the host. */
    public static final class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final JsonMapper json;
        private final Surfaces surfaces;

        public Installer(JsonMapper json, Surfaces surfaces) {
            this.json = json;
            this.surfaces = surfaces;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new SurfaceErrorReportValve(json, surfaces));
                host.setErrorReportValveClass(SurfaceErrorReportValve.class.getName());
            });
        }

        /** After Spring Boot's customizer, which adds its own valve. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
