package io.sessionflow.api.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sessionflow.api.CredentialedSurface;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The admin API's surface ({@code /admin}): errors as RFC 9457 problem details. */
public final class AdminSurface {

    public static final CredentialedSurface INSTANCE =
            new CredentialedSurface("admin", CatalogAdminController.MAX_DOCUMENT_BYTES, AdminSurface::problem);

    private AdminSurface() {}

    private static ResponseEntity<Object> problem(HttpStatus status, String message) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", message);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
