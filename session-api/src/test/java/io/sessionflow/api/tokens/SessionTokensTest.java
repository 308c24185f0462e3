package io.sessionflow.api.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The chat widget's signed session tokens (HS256 JWT). */
class SessionTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final SessionTokenClaims CLAIMS =
            new SessionTokenClaims("chat", "key-1", "conv-1", "acme", NOW, NOW.plusSeconds(3600));

    private static SessionTokens tokens(int seed) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) seed);
        return new SessionTokens(
                new TokenKeyring("k", Map.of("k", secret)), JsonMapper.builder().build());
    }

    @Test
    void aTokenVerifiesWithItsKeyUntilItExpires() {
        String token = tokens(1).issue(CLAIMS);

        assertThat(tokens(1).verify(token, NOW)).contains(CLAIMS);
        assertThat(tokens(1).verify(token, CLAIMS.expiresAt())).isEmpty();
        assertThat(tokens(2).verify(token, NOW)).isEmpty();
    }

    @Test
    void anotherSpellingOfTheSameSignatureBytesIsRefused() {
        String token = tokens(1).issue(CLAIMS);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        byte[] bytes = Base64.getUrlDecoder().decode(signature);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String malleated = null;
        for (char c : alphabet.toCharArray()) {
            String candidate = signature.substring(0, signature.length() - 1) + c;
            if (c != signature.charAt(signature.length() - 1)
                    && Arrays.equals(Base64.getUrlDecoder().decode(candidate), bytes)) {
                malleated = candidate;
                break;
            }
        }
        assertThat(malleated)
                .as("a 32-byte MAC leaves spare bits in its last character")
                .isNotNull();

        String altered = token.substring(0, token.lastIndexOf('.') + 1) + malleated;

        assertThat(tokens(1).verify(altered, NOW)).isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutAnException() {
        for (String token : new String[] {"", ".", "..", "a.b.c", "!!!.###.$$$", "e30.e30.", null}) {
            assertThat(tokens(1).verify(token, NOW)).isEmpty();
        }
    }
}
