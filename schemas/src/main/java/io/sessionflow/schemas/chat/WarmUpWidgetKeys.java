package io.sessionflow.schemas.chat;

import io.sessionflow.schemas.kafka.WarmUpHeader;

/**
 * The chat widget keys reserved for the warm-up at start ({@code pk_live_}, seven times {@code 5eed}, then four hex
 * digits): the processor rejects a request naming one as it rejects an unknown key, whatever the
 * catalog holds, so a warm-up request never makes a session, and marks the events it writes for it
 * with the header {@value #HEADER}, so that readers of {@code sessionflow.session-events} can tell
 * them from rejections of real callers. No generated key (random hex) is one but by a 16^-28 chance.
 */
public final class WarmUpWidgetKeys {

    public static final String PREFIX = "pk_live_" + "5eed".repeat(7);
    /** The Kafka header on every event written for a warm-up request ({@link WarmUpHeader}). */
    public static final String HEADER = WarmUpHeader.NAME;

    public static final byte[] HEADER_VALUE = WarmUpHeader.VALUE;

    private WarmUpWidgetKeys() {}

    public static boolean isWarmUp(String publicKey) {
        return publicKey != null && publicKey.startsWith(PREFIX);
    }

    /** The {@code n}-th reserved key (of 65,536: {@code n} is taken modulo that). */
    public static String key(int n) {
        String hex = Integer.toHexString(n & 0xffff);
        return PREFIX + "0".repeat(4 - hex.length()) + hex;
    }
}
