package io.sessionflow.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.sessionflow.api.BearerCredential;
import io.sessionflow.api.RequestBodies;
import io.sessionflow.catalog.CatalogFile;
import io.sessionflow.catalog.CatalogPublisher;
import io.sessionflow.catalog.CatalogQueries;
import io.sessionflow.schemas.catalog.CatalogEntry;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.avro.specific.SpecificData;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The catalog admin API under {@value #BASE}: reads the catalog from the projections' global store
 * ({@code catalog-view}) and changes it only by writing {@code sessionflow.catalog}, so that every
 * change reaches the processor's GlobalKTable and the API's view without a restart. Changes are
 * catalog documents in the catalog file's format (JSON or YAML, any subset of providers), checked
 * as the file is. Errors are RFC 9457 problem details; a bearer token guards every call.
 */
@RestController
public class CatalogAdminController {

    public static final String BASE = "/admin/catalog";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    /** One catalog entry as the admin API shows it: its Avro record as JSON. */
    public record Entry(String key, Instant updatedAt, @JsonRawValue String value) {
    }

    /** What a change wrote. */
    public record Written(List<String> keys) {
    }

    private final CatalogQueries catalog;
    private final CatalogPublisher publisher;
    private final BearerCredential credential;

    public CatalogAdminController(CatalogQueries catalog, CatalogPublisher publisher,
                                  @Qualifier("adminCredential") BearerCredential credential) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.credential = credential;
    }

    @GetMapping(BASE + "/entries")
    public ResponseEntity<?> list(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                  @RequestParam(defaultValue = "") String prefix) {
        if (!credential.accepts(auth)) {
            return unauthorized();
        }
        return available(() -> ResponseEntity.ok(catalog.entries(prefix).stream()
                .map(e -> entry(e.getKey(), e.getValue())).toList()));
    }

    @GetMapping(BASE + "/entries/{key}")
    public ResponseEntity<?> get(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                 @PathVariable String key) {
        if (!credential.accepts(auth)) {
            return unauthorized();
        }
        return available(() -> catalog.entry(key)
                .<ResponseEntity<?>>map(e -> ResponseEntity.ok(entry(key, e)))
                .orElseGet(() -> notFound(key)));
    }

    /** Adds or replaces every entry of a catalog document; other entries are left as they are. */
    @PutMapping(BASE)
    public ResponseEntity<?> put(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                 HttpServletRequest http) throws IOException {
        if (!credential.accepts(auth)) {
            return unauthorized();
        }
        byte[] body = RequestBodies.read(http, MAX_DOCUMENT_BYTES).orElse(null);
        if (body == null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Catalog document too large",
                    "A catalog document has at most " + MAX_DOCUMENT_BYTES + " bytes");
        }
        Map<String, Object> entries;
        try {
            CatalogFile document = CatalogPublisher.parse(new ByteArrayInputStream(body));
            entries = document == null ? Map.of() : document.entries();
        } catch (JacksonException e) {
            return problem(HttpStatus.BAD_REQUEST, "Not a catalog document", reason(e));
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid catalog document", e.getMessage());
        }
        if (entries.isEmpty()) {
            return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid catalog document", "The document holds no entries");
        }
        Instant now = Instant.now();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        entries.forEach((key, payload) -> writes.add(publisher.put(key, payload, now)));
        return awaitWrites(writes, () -> ResponseEntity.ok(new Written(List.copyOf(entries.keySet()))));
    }

    @DeleteMapping(BASE + "/entries/{key}")
    public ResponseEntity<?> delete(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                    @PathVariable String key) {
        if (!credential.accepts(auth)) {
            return unauthorized();
        }
        return available(() -> {
            if (catalog.entry(key).isEmpty()) {
                return notFound(key);
            }
            return awaitWrites(List.of(publisher.delete(key)), () -> ResponseEntity.noContent().build());
        });
    }

    /** Why a document could not be read, in the document's terms (never Jackson's, which name our classes). */
    static String reason(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'" + at(path.subList(0, Math.max(0, path.size() - 1)));
        }
        if (e instanceof DatabindException) {
            return "A value of the wrong type" + at(path);
        }
        TokenStreamLocation location = e.getLocation();
        return "Not valid JSON or YAML" + (location != null && location.getLineNr() > 0
                ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "");
    }

    private static String at(List<JacksonException.Reference> path) {
        String where = path.stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return where.isEmpty() ? "" : " at " + where;
    }

    private static Entry entry(String key, CatalogEntry entry) {
        return new Entry(key, entry.getUpdatedAt(), SpecificData.get().toString(entry.getPayload()));
    }

    private static ResponseEntity<?> awaitWrites(List<CompletableFuture<?>> writes,
                                                 java.util.function.Supplier<ResponseEntity<?>> answer) {
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("Interrupted while writing the catalog");
        } catch (Exception e) {
            return unavailable("The catalog topic did not acknowledge the change; retry it");
        }
    }

    private static ResponseEntity<?> available(java.util.function.Supplier<ResponseEntity<?>> read) {
        try {
            return read.get();
        } catch (CatalogQueries.CatalogUnavailableException e) {
            return unavailable("The catalog is not available yet; retry");
        }
    }

    private static ResponseEntity<?> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "A valid admin bearer token is required"));
    }

    private static ResponseEntity<?> notFound(String key) {
        return problem(HttpStatus.NOT_FOUND, "No such catalog entry", "No catalog entry has the key " + key);
    }

    private static ResponseEntity<?> unavailable(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }

    private static ResponseEntity<?> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return ResponseEntity.status(status).body(problem);
    }
}
