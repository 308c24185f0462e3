package io.sessionflow.api.admin;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sessionflow.api.RequestBodies;
import io.sessionflow.api.apikeys.ApiKeyHashes;
import io.sessionflow.api.apikeys.GeneratedApiKey;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.admin.AdminAction;
import io.sessionflow.schemas.algoreg.AlgoregApiKey;
import io.sessionflow.schemas.algoreg.AlgoregTenant;
import io.sessionflow.schemas.catalog.CatalogKeys;
import io.sessionflow.schemas.secrets.BearerCredential;
import io.sessionflow.schemas.zenskar.ZenskarApiKey;
import io.sessionflow.schemas.zenskar.ZenskarOrganisation;
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
 * Generates and revokes Algoreg and Zenskar API keys under {@value #BASE}. A generated key has 256 bits
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
    private static final Pattern ALGOREG_TENANT = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern KEY_ID = Pattern.compile("^[0-9a-f]{16}$");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** What a key is for: {@code algoreg} with {@code tenant}, or {@code zenskar} with {@code organisation}. */
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

    public ApiKeysAdminController(
            CatalogQueries catalog,
            @Qualifier("adminCredential") BearerCredential credential,
            AdminChanges changes,
            ApiKeyHashes hashes) {
        this.catalog = catalog;
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
        String provider = request.provider() == null ? "" : request.provider();
        return switch (provider) {
            case "algoreg" -> generateAlgoreg(actor, request);
            case "zenskar" -> generateZenskar(actor, request);
            default -> refused(actor, invalid("provider is algoreg or zenskar"));
        };
    }

    private ResponseEntity<?> generateAlgoreg(AdminChanges.Actor actor, NewApiKey request) {
        String tenant = request.tenant();
        if (tenant == null || request.organisation() != null) {
            return refused(actor, invalid("An algoreg key names its tenant (tenant), not an organisation"));
        }
        if (!ALGOREG_TENANT.matcher(tenant).matches()
                || catalog.get(CatalogKeys.algoregTenant(tenant), AlgoregTenant.class)
                        .isEmpty()) {
            return refused(actor, invalid("No algoreg tenant has the id " + shown(tenant)));
        }
        MintedKey key = mint("alg_");
        String label = request.label() == null ? tenant : request.label();
        AlgoregApiKey entry = AlgoregApiKey.newBuilder()
                .setKeySha256(null)
                .setTenantId(tenant)
                .setLabel(label)
                .setKeyId(key.id())
                .setHmacKeyId(key.pepperId())
                .setHmac(key.hmac())
                .build();
        return created(
                actor,
                "algoreg",
                CatalogKeys.algoregApiKey(key.hmac()),
                entry,
                new CreatedApiKey(key.id(), "algoreg", tenant, null, label, key.apiKey()));
    }

    private ResponseEntity<?> generateZenskar(AdminChanges.Actor actor, NewApiKey request) {
        String organisation = request.organisation();
        if (organisation == null || request.tenant() != null) {
            return refused(actor, invalid("A zenskar key names its organisation (organisation, a UUID), not a tenant"));
        }
        String id = organisation.toLowerCase(Locale.ROOT);
        if (!UUID.matcher(organisation).matches()
                || catalog.get(CatalogKeys.zenskarOrganisation(id), ZenskarOrganisation.class)
                        .isEmpty()) {
            return refused(actor, invalid("No zenskar organisation has the id " + shown(organisation)));
        }
        MintedKey key = mint("zsk_");
        ZenskarApiKey entry = ZenskarApiKey.newBuilder()
                .setKeySha256(null)
                .setOrganisationId(id)
                .setLabel(request.label())
                .setKeyId(key.id())
                .setHmacKeyId(key.pepperId())
                .setHmac(key.hmac())
                .build();
        return created(
                actor,
                "zenskar",
                CatalogKeys.zenskarApiKey(key.hmac()),
                entry,
                new CreatedApiKey(key.id(), "zenskar", null, id, request.label(), key.apiKey()));
    }

    /** A new key, and its HMAC under the active pepper: what the catalog keeps of it (the key itself is not). */
    private record MintedKey(GeneratedApiKey generated, String pepperId, String hmac) {

        String id() {
            return generated.id();
        }

        String apiKey() {
            return generated.apiKey();
        }
    }

    private MintedKey mint(String prefix) {
        GeneratedApiKey key = GeneratedApiKey.generate(prefix);
        return new MintedKey(key, hashes.activePepperId(), hashes.hmacHex(key.apiKey()));
    }

    private ResponseEntity<?> created(
            AdminChanges.Actor actor, String provider, String catalogKey, Object entry, CreatedApiKey answer) {
        return changes.apply(
                actor,
                AdminAction.API_KEY_GENERATE,
                Map.of(catalogKey, entry),
                List.of(),
                List.of(AuditedEntries.apiKeyId(provider, answer.id())),
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
        boolean known = (provider.equals("algoreg") || provider.equals("zenskar"))
                && KEY_ID.matcher(id).matches();
        String audited = known ? AuditedEntries.apiKeyId(provider, id) : "api-key-id:*";
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
        return catalog.entries(provider + ":api-key:").stream()
                .filter(entry -> keyId.equals(keyIdOf(entry.getValue().getPayload())))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private static String keyIdOf(Object payload) {
        if (payload instanceof AlgoregApiKey key) {
            return key.getKeyId();
        }
        return payload instanceof ZenskarApiKey key ? key.getKeyId() : null;
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
