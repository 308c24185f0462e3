package io.sessionflow.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Answers the errors that Spring and the servlet container forward to {@code /error} because no
 * provider controller answered them: a path or a method a surface does not have, a request refused
 * after it was routed, an exception nothing caught. Below a provider's base path the answer is in
 * that provider's format ({@link SurfaceErrors}); other paths keep Spring Boot's.
 */
@RestController
public class SurfaceErrorController implements ErrorController {

    private final ErrorAttributes errorAttributes;
    private final Surfaces surfaces;

    public SurfaceErrorController(ErrorAttributes errorAttributes, Surfaces surfaces) {
        this.errorAttributes = errorAttributes;
        this.surfaces = surfaces;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = status(request);
        orderAllowedMethods(response);
        return surfaces.of((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))
                .map(surface -> SurfaceErrors.answer(surface, status))
                .orElseGet(() -> ResponseEntity.status(status)
                        .body(errorAttributes.getErrorAttributes(
                                new ServletWebRequest(request), ErrorAttributeOptions.defaults())));
    }

    /** Spring lists a 405's allowed methods in no fixed order: the standard order, the same answer every time. */
    private static void orderAllowedMethods(HttpServletResponse response) {
        String allow = response.getHeader(HttpHeaders.ALLOW);
        if (allow == null || allow.isBlank()) {
            return;
        }
        List<String> sent = Arrays.stream(allow.split(",")).map(String::trim).toList();
        List<String> ordered = new ArrayList<>();
        for (HttpMethod method : HttpMethod.values()) {
            if (sent.contains(method.name())) {
                ordered.add(method.name());
            }
        }
        sent.stream().filter(method -> !ordered.contains(method)).forEach(ordered::add);
        response.setHeader(HttpHeaders.ALLOW, String.join(", ", ordered));
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
