package io.sessionflow.schemas.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class HmacSha256Test {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 4231, test case 2. */
    private static final byte[] KEY = "Jefe".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    private static final String EXPECTED = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    @Test
    void matchesTheRfcVectorOnEveryCallWithAnotherKeyBetween() {
        assertThat(HEX.formatHex(HmacSha256.of(KEY, DATA))).isEqualTo(EXPECTED);
        byte[] other = HmacSha256.of(HEX.parseHex("0b".repeat(20)), "Hi There".getBytes(StandardCharsets.US_ASCII));
        assertThat(HEX.formatHex(other))
                .as("RFC 4231, test case 1")
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertThat(HEX.formatHex(HmacSha256.of(KEY, DATA)))
                .as("the thread's MAC keyed anew")
                .isEqualTo(EXPECTED);
    }

    @Test
    void givesEachThreadItsOwnMac() throws InterruptedException {
        String[] seen = new String[4];
        Thread[] threads = new Thread[seen.length];
        for (int i = 0; i < threads.length; i++) {
            int slot = i;
            threads[i] = new Thread(() -> {
                String last = null;
                for (int n = 0; n < 2_000; n++) {
                    last = HEX.formatHex(HmacSha256.of(KEY, DATA));
                    if (!last.equals(EXPECTED)) {
                        break;
                    }
                }
                seen[slot] = last;
            });
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).containsOnly(EXPECTED);
    }

    @Test
    void refusesAnEmptyKey() {
        assertThatThrownBy(() -> HmacSha256.of(new byte[0], DATA)).isInstanceOf(IllegalArgumentException.class);
    }
}
