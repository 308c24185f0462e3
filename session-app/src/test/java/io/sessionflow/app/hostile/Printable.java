package io.sessionflow.app.hostile;

import java.nio.charset.StandardCharsets;

/** Requests and answers as readable, bounded text for failure messages: what is not printable ASCII is escaped. */
final class Printable {

    private Printable() {}

    static String of(byte[] bytes, int limit) {
        return of(new String(bytes, StandardCharsets.ISO_8859_1), limit);
    }

    /** @param text one char per byte or per UTF-16 unit: anything outside printable ASCII is escaped */
    static String of(String text, int limit) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < limit; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (out.length() >= limit) {
            out.append("... (").append(text.length()).append(" in all)");
        }
        return out.toString();
    }
}
