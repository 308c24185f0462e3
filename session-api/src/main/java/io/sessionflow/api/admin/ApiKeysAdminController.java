package io.sessionflow.api.admin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sessionflow.api.RequestBodies;
import io.sessionflow.api.apikeys.ApiKeyHashes;
import io.sessionflow.api.apikeys.ApiKeyIssuer;
import io.sessionflow.api.apikeys.ApiKeyIssuers;
import io.sessionflow.api.apikeys.GeneratedApiKey;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.admin.AdminAction;
import io.sessionflow.schemas.catalog.CatalogKeys;
import io.sessionflow.schemas.secrets.BearerCredential;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates and revokes the API keys of the providers that issue them ({@link ApiKeyIssuers}) under {@value #BASE}. A generated key has 256 bits
 * from {@code SecureRandom} behind the provider's prefix; it is answered once ({@code 201},
 * {@code Cache-Control: no-store}) and kept in the catalog only as its HMAC under the API key pepper
 * ({@link ApiKeyHashes}), entry {@code <provider>:api-key:<hmac hex>}, with a public key id to revoke it
 * by. Both changes go through {@link AdminChanges}, with their audit record. Errors are RFC 9457
 * problem details; the admin bearer token guards every call.
 */
@RestController
public class ApiKeysAdminController {

    public static final String BASE = "/admin/api-keys";
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final int MAX_LABEL_LENGTH = 200;
    private static final Pattern KEY_ID = Pattern.compile("^[0-9a-f]{16}$");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** What a key is for: a provider ({@link ApiKeyIssuer}) with its owner, {@code tenant} or {@code organisation}. */
    public record NewApiKey(String provider, String tenant, String organisation, String label) {}

    /** The generated key, shown this once. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreatedApiKey(
            String id, String provider, String tenant, String organisation, String label, String apiKey) {
        @Override
        public String toString() {
            return "CreatedApiKey[id=" + id + ", provider=" + provider + "]";
        }
    }

    private final CatalogQueries catalog;
    private final BearerCredential credential;
    private final AdminChanges changes;
    private final ApiKeyHashes hashes;
    private final ApiKeyIssuers issuers;

    public ApiKeysAdminController(
            CatalogQueries catalog,
            @Qualifier("adminCredential") BearerCredential credential,
            AdminChanges changes,
            ApiKeyHashes hashes,
            ApiKeyIssuers issuers) {
        this.catalog = catalog;
        this.issuers = issuers;
        this.credential = credential;
        this.changes = changes;
        this.hashes = hashes;
    }

    @PostMapping(BASE)
    public ResponseEntity<?> generate(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth, HttpServletRequest http)
            throws IOException {
        if (!credential.accepts(auth)) {
            return CatalogAdminController.unauthorized();
        }
        AdminChanges.Actor actor = changes.actor(auth, http);
        byte[] body = RequestBodies.read(http, MAX_REQUEST_BYTES).orElse(null);
        if (body == null) {
            return refused(
                    actor,
                    CatalogAdminController.problem(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "API key request too large",
                            "An API key request has at most " + MAX_REQUEST_BYTES + " bytes"));
        }
        NewApiKey request;
        try {
            request = JSON.readValue(body, NewApiKey.class);
        } catch (JacksonException e) {
            return refused(
                    actor,
                    CatalogAdminController.problem(
                            HttpStatus.BAD_REQUEST, "Not an API key request", CatalogAdminController.reason(e)));
        }
        if (request == null) {
            return refused(actor, invalid("The request is empty: send {\"provider\": ..., ...}"));
        }
        return CatalogAdminController.available(() -> generate(actor, request));
    }

    private ResponseEntity<?> generate(AdminChanges.Actor actor, NewApiKey request) {
        if (request.label() != null && request.label().length() > MAX_LABEL_LENGTH) {
            return refused(actor, invalid("label has at most " + MAX_LABEL_LENGTH + " characters"));
        }
        Optional<ApiKeyIssuer> issuer = issuers.of(request.provider());
        if (issuer.isEmpty()) {
            return refused(actor, invalid("provider is " + issuers.names()));
        }
        return generate(actor, request, issuer.get());
    }

    private ResponseEntity<?> generate(AdminChanges.Actor actor, NewApiKey request, ApiKeyIssuer issuer) {
        boolean byTenant = issuer.ownerField() == ApiKeyIssuer.OwnerField.TENANT;
        String named = byTenant ? request.tenant() : request.organisation();
        if (named == null || (byTenant ? request.organisation() : request.tenant()) != null) {
            return refused(actor, invalid(issuer.ownerRule()));
        }
        Optional<String> owner = issuer.knownOwner(named, catalog);
        if (owner.isEmpty()) {
            return refused(actor, invalid("No " + issuer.ownerKind() + " has the id " + shown(named)));
        }
        GeneratedApiKey key = GeneratedApiKey.generate(issuer.keyPrefix());
        String hmac = hashes.hmacHex(key.apiKey());
        String label = issuer.label(request.label(), owner.get());
        return created(
                actor,
                issuer.provider(),
                issuer.catalogKey(hmac),
                issuer.entry(owner.get(), label, key.id(), hashes.activePepperId(), hmac),
                new CreatedApiKey(
                        key.id(),
                        issuer.provider(),
                        byTenant ? owner.get() : null,
                        byTenant ? null : owner.get(),
                        label,
                        key.apiKey()));
    }

    private ResponseEntity<?> created(
            AdminChanges.Actor actor, String provider, String catalogKey, Object entry, CreatedApiKey answer) {
        return changes.apply(
                actor,
                AdminAction.API_KEY_GENERATE,
                Map.of(catalogKey, entry),
                List.of(),
                List.of(ApiKeyIssuers.auditedId(provider, answer.id())),
                ResponseEntity.status(HttpStatus.CREATED)
                        .cacheControl(CacheControl.noStore())
                        .header(HttpHeaders.PRAGMA, "no-cache")
                        .body(answer));
    }

    /** Revokes a generated key by its id: its catalog entry gets a tombstone. */
    @DeleteMapping(BASE + "/{provider}/{id}")
    public ResponseEntity<?> revoke(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @PathVariable String provider,
            @PathVariable String id,
            HttpServletRequest http) {
        if (!credential.accepts(auth)) {
            return CatalogAdminController.unauthorized();
        }
        AdminChanges.Actor actor = changes.actor(auth, http);
        boolean known = issuers.of(provider).isPresent() && KEY_ID.matcher(id).matches();
        String audited = known ? ApiKeyIssuers.auditedId(provider, id) : "api-key-id:*";
        return CatalogAdminController.available(() -> {
            Optional<String> catalogKey = known ? catalogKeyOf(provider, id) : Optional.empty();
            if (catalogKey.isEmpty()) {
                return changes.refuse(
                        actor,
                        AdminAction.API_KEY_REVOKE,
                        List.of(audited),
                        CatalogAdminController.problem(
                                HttpStatus.NOT_FOUND,
                                "No such API key",
                                "No generated API key has the id " + shown(id) + " (provider " + shown(provider)
                                        + ")"));
            }
            return changes.apply(
                    actor,
                    AdminAction.API_KEY_REVOKE,
                    Map.of(),
                    List.of(catalogKey.get()),
                    List.of(audited),
                    ResponseEntity.noContent().build());
        });
    }

    private Optional<String> catalogKeyOf(String provider, String keyId) {
        return catalog.entries(CatalogKeys.prefix(provider, CatalogKeys.API_KEY)).stream()
                .filter(entry -> issuers.read(entry.getValue().getPayload())
                        .map(named -> named.key().keyId())
                        .filter(keyId::equals)
                        .isPresent())
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private ResponseEntity<?> refused(AdminChanges.Actor actor, ResponseEntity<?> answer) {
        return changes.refuse(actor, AdminAction.API_KEY_GENERATE, List.of(), answer);
    }

    private static ResponseEntity<?> invalid(String detail) {
        return CatalogAdminController.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid API key request", detail);
    }

    /** A caller's value in a message, cut short. */
    private static String shown(String value) {
        return "'" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "'";
    }
}
