package io.sessionflow.app.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.quicktheories.core.Gen;

/**
 * Hostile request bodies around a valid one: the valid body itself, structurally mutated bodies
 * (see {@link JsonTemplate}), byte-level mutations, invalid UTF-8 inside strings, other encodings,
 * random bytes, texts that are not JSON (or are YAML tricks), wrong top-level types, deep nesting and
 * bodies over the size limits.
 */
public final class HostileBodies {

    private static final List<String> NOT_JSON = List.of(
            "",
            " ",
            "\r\n\t ",
            "null",
            "[]",
            "\"text\"",
            "1",
            "true",
            "{}",
            "{} {}",
            "{}]",
            "{\"a\":1,}",
            "{'a':1}",
            "{a:1}",
            "{\"a\":1 /* c */}",
            "// c\n{}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\"::1}",
            "{\"\\x41\":1}",
            "{\"\\ud800\":1}",
            "\"\\u12\"",
            "a=1&b=2",
            "token=abc",
            "<?xml version=\"1.0\"?><a/>",
            "---\na: 1\n",
            "a: [1, 2\n",
            "- - - -",
            "!!binary AAAA",
            "%YAML 1.1\n---\n",
            "a: &x [*x]\n",
            "a: !!java.lang.Runtime {}\n",
            "? [a]\n: 1\n",
            "{\"a\":1}\u0000",
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                    + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                    + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
            "--boundary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--boundary--\r\n");

    /** Byte sequences that are not UTF-8: overlong, surrogates (CESU), beyond U+10FFFF, truncated, stray. */
    private static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xC3},
            new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xFE, (byte) 0xFF},
            new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80});

    /** Bytes inserted into a body: JSON syntax, a NUL, DEL and a byte that is never UTF-8. */
    private static final String INSERTED = "\"{}[],:\\\u0000\u007f\u00ff 1e-";

    private HostileBodies() {}

    /** @param limit the endpoint's body limit in bytes: some bodies go just past it */
    public static Gen<byte[]> around(JsonTemplate valid, int limit) {
        return Draw.gen(d -> switch (d.weighted(12, 30, 8, 8, 6, 4, 6, 4, 4, 4)) {
            case 0 -> utf8(valid.render());
            case 1 -> utf8(valid.mutated(d));
            case 2 -> byteMutated(d, utf8(d.chance(50) ? valid.render() : valid.mutated(d)));
            case 3 -> invalidUtf8InString(d, valid.render());
            case 4 -> utf8(d.pick(NOT_JSON));
            case 5 -> randomBytes(d);
            case 6 -> utf8(HostileText.value(d, 0));
            case 7 -> otherEncoding(d, valid.render());
            case 8 -> utf8(nestedInside(d, valid.render()));
            default -> oversized(d, valid.render(), limit);
        });
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] byteMutated(Draw d, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = body.length == 0 ? 0 : d.between(0, body.length - 1);
        switch (d.weighted(3, 3, 3, 2, 2)) {
            case 0 -> { // truncate
                out.write(body, 0, at);
            }
            case 1 -> { // flip a byte
                out.writeBytes(body);
                byte[] flipped = out.toByteArray();
                if (flipped.length > 0) {
                    flipped[at] = (byte) d.between(0, 255);
                }
                return flipped;
            }
            case 2 -> { // insert a byte
                out.write(body, 0, at);
                out.write(INSERTED.charAt(d.between(0, INSERTED.length() - 1)));
                out.write(body, at, body.length - at);
            }
            case 3 -> { // delete a range
                out.write(body, 0, at);
                int skip = Math.min(body.length - at, d.between(1, 8));
                out.write(body, at + skip, body.length - at - skip);
            }
            default -> { // trailing content
                out.writeBytes(body);
                out.writeBytes(utf8(d.pick("}", "{}", ",", " x", "\u0000", "//", "\n\n{\"a\":1}")));
            }
        }
        return out.toByteArray();
    }

    /** Invalid UTF-8 inside the first string value (or at the start when there is none). */
    private static byte[] invalidUtf8InString(Draw d, String valid) {
        int quote = valid.indexOf(":\"");
        byte[] before = utf8(quote < 0 ? "" : valid.substring(0, quote + 2));
        byte[] after = utf8(quote < 0 ? valid : valid.substring(quote + 2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before);
        out.writeBytes(d.pick(INVALID_UTF8));
        out.writeBytes(after);
        return out.toByteArray();
    }

    private static byte[] randomBytes(Draw d) {
        byte[] bytes = new byte[d.pick(1, 2, 16, 300, 5000)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) d.between(0, 255);
        }
        return bytes;
    }

    /** The valid body as UTF-16 or with a byte order mark: JSON on the wire is UTF-8 (RFC 8259). */
    private static byte[] otherEncoding(Draw d, String valid) {
        return switch (d.between(0, 3)) {
            case 0 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(valid));
            case 1 -> valid.getBytes(StandardCharsets.UTF_16LE);
            case 2 -> valid.getBytes(StandardCharsets.UTF_16);
            default -> valid.getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    /** Deep nesting in place of the first value of the valid body. */
    private static String nestedInside(Draw d, String valid) {
        int colon = valid.indexOf(':');
        if (colon < 0) {
            return HostileText.deep(d);
        }
        int end = valid.indexOf(',', colon);
        return valid.substring(0, colon + 1) + HostileText.deep(d) + (end < 0 ? "}" : valid.substring(end));
    }

    /** Past the limit, just at it, or far beyond, in a string, in whitespace or in an unknown field. */
    private static byte[] oversized(Draw d, String valid, int limit) {
        int size = d.pick(limit - 10, limit + 1, limit + 100, 2 * limit, 3 * 1024 * 1024);
        String filler = switch (d.between(0, 2)) {
            case 0 -> HostileText.repeat(" ", size);
            case 1 -> ",\"padding\":" + Json.quote(HostileText.repeat("x", size), false);
            default -> ",\"padding\":" + Json.quote(HostileText.repeat("\u00e9", size / 2), false);
        };
        int close = valid.lastIndexOf('}');
        String body = filler.startsWith(",") && close > 1
                ? valid.substring(0, close) + filler + valid.substring(close)
                : valid + filler;
        return utf8(body);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
