package io.sessionflow.api.apikeys;

import java.util.List;
import java.util.Optional;

/** Every registered {@link ApiKeyIssuer}, in the beans' order. */
public final class ApiKeyIssuers {

    private final List<ApiKeyIssuer> issuers;

    public ApiKeyIssuers(List<ApiKeyIssuer> issuers) {
        this.issuers = List.copyOf(issuers);
    }

    /** @param provider as a request or path names it, or null */
    public Optional<ApiKeyIssuer> of(String provider) {
        return issuers.stream()
                .filter(issuer -> issuer.provider().equals(provider))
                .findFirst();
    }

    /** The providers, as a refusal lists them ("algoreg or zenskar"). */
    public String names() {
        List<String> names = issuers.stream().map(ApiKeyIssuer::provider).toList();
        return names.size() < 2
                ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** @return the provider and the key, when the entry's record is an API key of a registered provider */
    public Optional<Named> read(Object payload) {
        for (ApiKeyIssuer issuer : issuers) {
            Optional<ApiKeyIssuer.IssuedKey> key = issuer.read(payload);
            if (key.isPresent()) {
                return Optional.of(new Named(issuer.provider(), key.get()));
            }
        }
        return Optional.empty();
    }

    /** How the admin audit names a generated key: by its public id, never by its hash. */
    public static String auditedId(String provider, String keyId) {
        return provider + ":api-key-id:" + keyId;
    }

    /** An API key entry's provider and key. */
    public record Named(String provider, ApiKeyIssuer.IssuedKey key) {}
}
