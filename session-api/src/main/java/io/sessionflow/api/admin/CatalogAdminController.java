package io.sessionflow.api.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.sessionflow.api.RequestBodies;
import io.sessionflow.api.apikeys.ApiKeyIssuers;
import io.sessionflow.api.catalog.CatalogDocuments;
import io.sessionflow.api.catalog.CatalogFile;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.admin.AdminAction;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.secrets.BearerCredential;
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
 * as the file is; API keys given as bare SHA-256 only as an explicit import. Every change, and every
 * authenticated call refused, is recorded in the admin audit ({@link AdminChanges}), in the same
 * transaction as the change. Errors are RFC 9457 problem details; a bearer token guards every call.
 */
@RestController
public class CatalogAdminController {

    public static final String BASE = "/admin/catalog";
    /** The query parameter that takes API keys given as bare SHA-256 (an explicit import). */
    public static final String IMPORT_SHA256_KEYS = "import-sha256-keys";

    static final String NOT_ACKNOWLEDGED = "The catalog topic did not acknowledge the change; retry it";
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    /** One catalog entry as the admin API shows it: its Avro record as JSON. */
    public record Entry(
            String key, Instant updatedAt, @JsonRawValue String value) {}

    /** What a change wrote. */
    public record Written(List<String> keys) {}

    private final CatalogQueries catalog;
    private final BearerCredential credential;
    private final AdminChanges changes;
    private final CatalogDocuments documents;
    private final ApiKeyIssuers issuers;

    public CatalogAdminController(
            CatalogQueries catalog,
            @Qualifier("adminCredential") BearerCredential credential,
            AdminChanges changes,
            CatalogDocuments documents,
            ApiKeyIssuers issuers) {
        this.catalog = catalog;
        this.issuers = issuers;
        this.documents = documents;
        this.credential = credential;
        this.changes = changes;
    }

    @GetMapping(BASE + "/entries")
    public ResponseEntity<?> list(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestParam(defaultValue = "") String prefix) {
        if (!credential.accepts(auth)) {
            return unauthorized();
        }
        return available(() -> ResponseEntity.ok(catalog.entries(prefix).stream()
                .map(e -> entry(e.getKey(), e.getValue()))
                .toList()));
    }

    @GetMapping(BASE + "/entries/{key}")
    public ResponseEntity<?> get(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth, @PathVariable String key) {
        if (!credential.accepts(auth)) {
            return unauthorized();
        }
        return available(() -> catalog.entry(key)
                .<ResponseEntity<?>>map(e -> ResponseEntity.ok(entry(key, e)))
                .orElseGet(() -> notFound(key)));
    }

    /**
     * Adds or replaces every entry of a catalog document; other entries are left as they are. API keys given
     * as bare SHA-256 are taken only with {@value #IMPORT_SHA256_KEYS}{@code =true}.
     */
    @PutMapping(BASE)
    public ResponseEntity<?> put(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestParam(name = IMPORT_SHA256_KEYS, required = false) String importSha256Keys,
            HttpServletRequest http)
            throws IOException {
        if (!credential.accepts(auth)) {
            return unauthorized();
        }
        AdminChanges.Actor actor = changes.actor(auth, http);
        byte[] body = RequestBodies.read(http, MAX_DOCUMENT_BYTES).orElse(null);
        if (body == null) {
            return changes.refuse(
                    actor,
                    AdminAction.CATALOG_PUT,
                    List.of(),
                    problem(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "Catalog document too large",
                            "A catalog document has at most " + MAX_DOCUMENT_BYTES + " bytes"));
        }
        if (importSha256Keys != null && !importSha256Keys.equals("true") && !importSha256Keys.equals("false")) {
            return changes.refuse(
                    actor,
                    AdminAction.CATALOG_PUT,
                    List.of(),
                    problem(
                            HttpStatus.BAD_REQUEST,
                            "Invalid query parameter",
                            IMPORT_SHA256_KEYS + " is true or false"));
        }
        CatalogFile document;
        Map<String, Object> entries;
        try {
            document = documents.parse(new ByteArrayInputStream(body));
            entries = document == null ? Map.of() : document.entries();
        } catch (JacksonException e) {
            return changes.refuse(
                    actor,
                    AdminAction.CATALOG_PUT,
                    List.of(),
                    problem(HttpStatus.BAD_REQUEST, "Not a catalog document", reason(e)));
        } catch (IllegalArgumentException e) {
            return changes.refuse(
                    actor,
                    AdminAction.CATALOG_PUT,
                    List.of(),
                    problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid catalog document", e.getMessage()));
        }
        List<String> audited = new ArrayList<>();
        entries.forEach((key, payload) -> audited.add(AuditedEntries.name(issuers, key, payload)));
        List<String> bareHashes = document == null ? List.of() : document.bareKeyHashPaths();
        if (!bareHashes.isEmpty() && !"true".equals(importSha256Keys)) {
            return changes.refuse(
                    actor,
                    AdminAction.CATALOG_PUT,
                    audited,
                    problem(
                            HttpStatus.BAD_REQUEST,
                            "API key given as a bare SHA-256",
                            "API keys given as a bare SHA-256 at "
                                    + String.join(", ", bareHashes)
                                    + ": generate keys with POST /admin/api-keys, or import existing "
                                    + "high-entropy keys with PUT /admin/catalog?" + IMPORT_SHA256_KEYS + "=true"));
        }
        if (entries.isEmpty()) {
            return changes.refuse(
                    actor,
                    AdminAction.CATALOG_PUT,
                    audited,
                    problem(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "Invalid catalog document",
                            "The document holds no entries"));
        }
        return changes.apply(
                actor,
                AdminAction.CATALOG_PUT,
                entries,
                List.of(),
                audited,
                ResponseEntity.ok(new Written(List.copyOf(entries.keySet()))));
    }

    @DeleteMapping(BASE + "/entries/{key}")
    public ResponseEntity<?> delete(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @PathVariable String key,
            HttpServletRequest http) {
        if (!credential.accepts(auth)) {
            return unauthorized();
        }
        AdminChanges.Actor actor = changes.actor(auth, http);
        return available(() -> {
            CatalogEntry entry = catalog.entry(key).orElse(null);
            if (entry == null) {
                return changes.refuse(
                        actor,
                        AdminAction.CATALOG_ENTRY_DELETE,
                        List.of(AuditedEntries.name(issuers, key, null)),
                        notFound(key));
            }
            return changes.apply(
                    actor,
                    AdminAction.CATALOG_ENTRY_DELETE,
                    Map.of(),
                    List.of(key),
                    List.of(AuditedEntries.name(issuers, key, entry.getPayload())),
                    ResponseEntity.noContent().build());
        });
    }

    /** Why a document could not be read, in the document's terms (never Jackson's, which name our classes). */
    static String reason(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'"
                    + at(path.subList(0, Math.max(0, path.size() - 1)));
        }
        if (e instanceof DatabindException) {
            return "A value of the wrong type" + at(path);
        }
        TokenStreamLocation location = e.getLocation();
        return "Not valid JSON or YAML"
                + (location != null && location.getLineNr() > 0
                        ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"
                        : "");
    }

    private static String at(List<JacksonException.Reference> path) {
        String where = path.stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return where.isEmpty() ? "" : " at " + where;
    }

    private static Entry entry(String key, CatalogEntry entry) {
        return new Entry(key, entry.getUpdatedAt(), SpecificData.get().toString(entry.getPayload()));
    }

    static ResponseEntity<?> available(java.util.function.Supplier<ResponseEntity<?>> read) {
        try {
            return read.get();
        } catch (CatalogQueries.CatalogUnavailableException e) {
            return unavailable("The catalog is not available yet; retry");
        }
    }

    static ResponseEntity<?> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNAUTHORIZED, "A valid admin bearer token is required"));
    }

    private static ResponseEntity<?> notFound(String key) {
        return problem(HttpStatus.NOT_FOUND, "No such catalog entry", "No catalog entry has the key " + key);
    }

    static ResponseEntity<?> unavailable(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }

    static ResponseEntity<?> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return ResponseEntity.status(status).body(problem);
    }
}
