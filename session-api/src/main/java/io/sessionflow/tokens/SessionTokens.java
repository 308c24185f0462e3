package io.sessionflow.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * HMAC-SHA256 signed bearer tokens in JWT compact form ({@code alg} HS256, {@code kid} the signing
 * key), carrying provider, session key, session id, tenant and expiry. Deterministic: the same
 * session gives the same token, so a retried create answers the same token. Signatures are
 * compared in constant time.
 */
public final class SessionTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final String ISSUER = "sessionflow";

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
            byte[] expected = hmac(secret, parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64_DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode payload = json.readTree(B64_DECODER.decode(parts[1]));
            Instant expiresAt = Instant.ofEpochSecond(payload.path("exp").asLong(0));
            if (!ISSUER.equals(payload.path("iss").asString("")) || !now.isBefore(expiresAt)) {
                return Optional.empty();
            }
            return Optional.of(new SessionTokenClaims(payload.path("prv").asString(null),
                    payload.path("sid").asString(null), payload.path("sub").asString(null),
                    payload.path("tid").asString(null), Instant.ofEpochSecond(payload.path("iat").asLong(0)),
                    expiresAt));
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(byte[] secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
