package io.sessionflow.api.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.sessionflow.schemas.secrets.HmacSha256;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Session tokens, both deterministic (the same session gives the same token, so a retried create
 * answers the same token) and checked in constant time:
 * <ul>
 *   <li>signed bearer tokens in JWT compact form ({@code alg} HS256, {@code kid} the signing key),
 *   carrying provider, session key, session id, tenant and expiry ({@link #issue}, {@link #verify});</li>
 *   <li>opaque split tokens {@code <selector>.<key id>.<mac>} ({@link #issueOpaque},
 *   {@link #verifyOpaque}): the selector is the session key, public and used to find the session;
 *   the mac is HMAC-SHA256, with the server's key named by the key id, over a domain-separated
 *   string of provider, tenant, session key and session id. It says nothing by itself; only a holder
 *   of the server key can compute it, so nothing stored (events, stores, a hash) can reproduce it.</li>
 * </ul>
 */
public final class SessionTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final String ISSUER = "sessionflow";
    /** Domain separation: a mac of an opaque session token is never valid as any other HMAC of these keys. */
    private static final String OPAQUE_DOMAIN = "sessionflow/opaque-session-token/v1";

    private static final int MAC_BYTES = 32;

    private final TokenKeyring keys;
    private final ObjectMapper json;

    public SessionTokens(TokenKeyring keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    public String issue(SessionTokenClaims claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        header.put("kid", keys.activeKeyId());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", ISSUER);
        payload.put("prv", claims.provider());
        payload.put("sid", claims.sessionKey());
        payload.put("sub", claims.sessionId());
        payload.put("tid", claims.tenantId());
        payload.put("iat", claims.issuedAt().getEpochSecond());
        payload.put("exp", claims.expiresAt().getEpochSecond());
        String signingInput = B64.encodeToString(json.writeValueAsBytes(header)) + "."
                + B64.encodeToString(json.writeValueAsBytes(payload));
        return signingInput + "." + B64.encodeToString(hmac(keys.activeSecret(), signingInput));
    }

    /** @return the claims of a well-formed, correctly signed token that has not expired at {@code now} */
    public Optional<SessionTokenClaims> verify(String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = json.readTree(B64_DECODER.decode(parts[0]));
            byte[] secret = keys.secret(header.path("kid").asString(""));
            if (secret == null || !"HS256".equals(header.path("alg").asString(""))) {
                return Optional.empty();
            }
            // compared as canonical text: a non-canonical spelling of the same bytes is not the signature
            byte[] expected =
                    B64.encodeToString(hmac(secret, parts[0] + "." + parts[1])).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            JsonNode payload = json.readTree(B64_DECODER.decode(parts[1]));
            Instant expiresAt = Instant.ofEpochSecond(payload.path("exp").asLong(0));
            if (!ISSUER.equals(payload.path("iss").asString("")) || !now.isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new SessionTokenClaims(
                    payload.path("prv").asString(null),
                    payload.path("sid").asString(null),
                    payload.path("sub").asString(null),
                    payload.path("tid").asString(null),
                    Instant.ofEpochSecond(payload.path("iat").asLong(0)),
                    expiresAt));
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }

    /**
     * An opaque token for the session: {@code <session key>.<base64url key id>.<base64url mac>}, 256 bits
     * of mac that only the server key can compute. The same subject and active key give the same token.
     */
    public String issueOpaque(OpaqueTokenSubject subject) {
        String keyId = keys.activeKeyId();
        return subject.sessionKey() + "." + B64.encodeToString(keyId.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(opaqueMac(keys.activeSecret(), subject));
    }

    /** @return the token split into its parts when it has the opaque form; not yet verified */
    public Optional<OpaqueToken> readOpaque(String token) {
        return OpaqueToken.parse(token);
    }

    /** @return the selector (the session key) of a token of the opaque form, to look its session up by */
    public Optional<String> opaqueSelector(String token) {
        return readOpaque(token).map(OpaqueToken::selector);
    }

    /**
     * True when the token is the opaque token of exactly this session, under any key of the keyring
     * (so tokens issued before a key rotation stay valid while their key is listed).
     */
    public boolean verify(OpaqueToken token, OpaqueTokenSubject subject) {
        if (!token.selector().equals(subject.sessionKey())) {
            return false;
        }
        byte[] secret = keys.secret(token.keyId());
        return secret != null && MessageDigest.isEqual(opaqueMac(secret, subject), token.mac());
    }

    /** {@link #verify(OpaqueToken, OpaqueTokenSubject)} of a token as presented. */
    public boolean verifyOpaque(String token, OpaqueTokenSubject subject) {
        return readOpaque(token).map(parsed -> verify(parsed, subject)).orElse(false);
    }

    private static byte[] opaqueMac(byte[] secret, OpaqueTokenSubject subject) {
        StringBuilder input = new StringBuilder(OPAQUE_DOMAIN);
        for (String part :
                new String[] {subject.provider(), subject.tenantId(), subject.sessionKey(), subject.sessionId()}) {
            input.append('\n').append(part.length()).append(':').append(part);
        }
        return hmac(secret, input.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A token of the opaque form, split into its parts; not yet verified. */
    public record OpaqueToken(String selector, String keyId, byte[] mac) {

        private static Optional<OpaqueToken> parse(String token) {
            if (token == null) {
                return Optional.empty();
            }
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                return Optional.empty();
            }
            try {
                byte[] keyId = B64_DECODER.decode(parts[1]);
                byte[] mac = B64_DECODER.decode(parts[2]);
                // only the canonical encoding: no second spelling of the same token
                if (mac.length != MAC_BYTES
                        || !B64.encodeToString(mac).equals(parts[2])
                        || !B64.encodeToString(keyId).equals(parts[1])) {
                    return Optional.empty();
                }
                return Optional.of(new OpaqueToken(parts[0], new String(keyId, StandardCharsets.UTF_8), mac));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
    }

    private static byte[] hmac(byte[] secret, String input) {
        return hmac(secret, input.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] secret, byte[] input) {
        return HmacSha256.of(secret, input);
    }
}
