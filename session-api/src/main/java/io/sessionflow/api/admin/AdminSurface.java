package io.sessionflow.api.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import io.sessionflow.api.Surface;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The admin API's surface ({@code /admin}): errors as RFC 9457 problem details, its bearer token a credential. */
public final class AdminSurface implements Surface {

    public static final AdminSurface INSTANCE = new AdminSurface();

    private AdminSurface() {}

    @Override
    public String firstSegment() {
        return "admin";
    }

    @Override
    public ResponseEntity<Object> error(HttpStatus status, String message) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", message);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    public boolean rateLimited() {
        return false;
    }

    @Override
    public boolean credentialed() {
        return true;
    }

    @Override
    public OptionalInt maxBodyBytes() {
        return OptionalInt.of(CatalogAdminController.MAX_DOCUMENT_BYTES);
    }
}
