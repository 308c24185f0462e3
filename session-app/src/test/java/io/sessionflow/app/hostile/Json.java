package io.sessionflow.app.hostile;

/** JSON text made by hand, so that the tests can also make what no serializer would (duplicate keys, raw controls). */
public final class Json {

    private Json() {}

    /**
     * A JSON string literal. Unpaired surrogates are always escaped (they have no UTF-8 form); other
     * non-ASCII only when {@code escapeNonAscii}.
     */
    public static String quote(String text, boolean escapeNonAscii) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unpaired = Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20 || unpaired || (escapeNonAscii && c > 0x7e)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
