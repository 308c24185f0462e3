package io.sessionflow.api.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OpaqueSessionTokensTest {

    private static final byte[] SECRET_A = bytes(0);
    private static final byte[] SECRET_B = bytes(100);
    private static final OpaqueTokenSubject SUBJECT = new OpaqueTokenSubject(
            "zenskar",
            "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36",
            "0196a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9");

    private static SessionTokens tokens(String activeKeyId, Map<String, byte[]> secrets) {
        return new SessionTokens(
                new TokenKeyring(activeKeyId, secrets), JsonMapper.builder().build());
    }

    private static SessionTokens keyA() {
        return tokens("a", Map.of("a", SECRET_A));
    }

    @Test
    void theTokenIsSelectorKeyIdAndA256BitMac() {
        String token = keyA().issueOpaque(SUBJECT);

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(parts[0]).isEqualTo(SUBJECT.sessionKey());
        assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .isEqualTo("a");
        assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(32);
        assertThat(parts[2]).matches("[A-Za-z0-9_-]{43}");
        assertThat(keyA().opaqueSelector(token)).contains(SUBJECT.sessionKey());
    }

    @Test
    void theSameSessionAlwaysGetsTheSameTokenAndAnotherSessionAnother() {
        SessionTokens tokens = keyA();

        assertThat(tokens.issueOpaque(SUBJECT)).isEqualTo(keyA().issueOpaque(SUBJECT));
        assertThat(tokens.issueOpaque(new OpaqueTokenSubject(
                        "zenskar", SUBJECT.tenantId(), SUBJECT.sessionKey(), "00000000-0000-4000-8000-000000000000")))
                .isNotEqualTo(tokens.issueOpaque(SUBJECT));
        assertThat(tokens("b", Map.of("b", SECRET_B)).issueOpaque(SUBJECT).split("\\.")[2])
                .as("another server key, another mac")
                .isNotEqualTo(tokens.issueOpaque(SUBJECT).split("\\.")[2]);
    }

    @Test
    void verifiesOnlyForItsOwnSessionAndWithTheServerKey() {
        String token = keyA().issueOpaque(SUBJECT);

        assertThat(keyA().verifyOpaque(token, SUBJECT)).isTrue();
        assertThat(keyA().verifyOpaque(
                                token,
                                new OpaqueTokenSubject(
                                        "zenskar",
                                        SUBJECT.tenantId(),
                                        SUBJECT.sessionKey(),
                                        "00000000-0000-4000-8000-000000000000")))
                .as("other session id")
                .isFalse();
        assertThat(keyA().verifyOpaque(
                                token,
                                new OpaqueTokenSubject(
                                        "zenskar",
                                        "9d4b2e71-6c3a-4f08-b5e1-2a7c9f0d8e14",
                                        SUBJECT.sessionKey(),
                                        SUBJECT.sessionId())))
                .as("other tenant")
                .isFalse();
        assertThat(keyA().verifyOpaque(
                                token,
                                new OpaqueTokenSubject(
                                        "chat", SUBJECT.tenantId(), SUBJECT.sessionKey(), SUBJECT.sessionId())))
                .as("other provider")
                .isFalse();
        assertThat(tokens("a", Map.of("a", SECRET_B)).verifyOpaque(token, SUBJECT))
                .as("other secret")
                .isFalse();
    }

    @Test
    void anyTamperingFails() {
        String token = keyA().issueOpaque(SUBJECT);
        SessionTokens tokens = keyA();
        int lastDot = token.lastIndexOf('.');

        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.' || c == '-') {
                continue;
            }
            String tampered = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertThat(tokens.verifyOpaque(tampered, SUBJECT))
                    .as("changed at %d", i)
                    .isFalse();
        }
        assertThat(tokens.verifyOpaque(token + "A", SUBJECT)).isFalse();
        assertThat(tokens.verifyOpaque(token.substring(0, token.length() - 1), SUBJECT))
                .isFalse();
        assertThat(tokens.verifyOpaque(token.substring(0, lastDot), SUBJECT)).isFalse();
        assertThat(tokens.verifyOpaque(token + ".x", SUBJECT)).isFalse();
        assertThat(tokens.verifyOpaque("", SUBJECT)).isFalse();
        assertThat(tokens.verifyOpaque(null, SUBJECT)).isFalse();
        assertThat(tokens.opaqueSelector("not a token")).isEmpty();
    }

    @Test
    void aTokenOfARetiredActiveKeyStillVerifiesWhileTheKeyIsListed() {
        String old = keyA().issueOpaque(SUBJECT);
        Map<String, byte[]> rotated = new LinkedHashMap<>();
        rotated.put("b", SECRET_B);
        rotated.put("a", SECRET_A);
        SessionTokens afterRotation = tokens("b", rotated);

        assertThat(afterRotation.verifyOpaque(old, SUBJECT)).isTrue();
        assertThat(afterRotation.issueOpaque(SUBJECT)).isNotEqualTo(old);
        assertThat(tokens("b", Map.of("b", SECRET_B)).verifyOpaque(old, SUBJECT))
                .as("key a removed")
                .isFalse();
    }

    @Test
    void aJwtSessionTokenIsNotAnOpaqueOne() {
        SessionTokens tokens = keyA();
        String jwt = tokens.issue(new SessionTokenClaims(
                "zenskar",
                SUBJECT.sessionKey(),
                SUBJECT.sessionId(),
                SUBJECT.tenantId(),
                java.time.Instant.EPOCH,
                java.time.Instant.EPOCH.plusSeconds(60)));

        assertThat(tokens.verifyOpaque(jwt, SUBJECT)).isFalse();
    }

    private static byte[] bytes(int start) {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (start + i);
        }
        return secret;
    }
}
