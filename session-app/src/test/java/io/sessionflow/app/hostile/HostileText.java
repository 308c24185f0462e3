package io.sessionflow.app.hostile;

import java.util.List;

/** Hostile strings and JSON values: the pieces bodies, headers and parameters are made of. */
public final class HostileText {

    /** Lengths around the limits the providers document (16, 35, 64, 100, 255, 2083, 4096 ...). */
    static final List<Integer> EDGE_LENGTHS = List.of(
            0, 1, 15, 16, 17, 20, 21, 32, 33, 35, 36, 63, 64, 65, 99, 100, 101, 254, 255, 256, 511, 512, 513, 1000,
            2083, 2084, 4096, 4097, 10_000);

    private static final List<String> TOKENS = List.of(
            "null",
            "true",
            "false",
            "0",
            "-1",
            "NaN",
            "undefined",
            "${jndi:ldap://127.0.0.1/a}",
            "%s%n%x%d",
            "<script>alert(1)</script>",
            "' OR '1'='1",
            "../../../etc/passwd",
            "..%2f..%2f",
            "\\",
            "\"",
            "{}",
            "[]",
            "\\u0000",
            "C:\\\\con",
            "%00",
            "0x7fffffff",
            "1e309",
            "-0",
            "pk_live_1a2b3c4d5e6f7890abcd1234ef567890",
            "pk_live_1A2B3C4D5E6F7890ABCD1234EF567890",
            "3f2a9c4e-8b1d-4e6f-a7c2-5d9e0b1f4a36",
            "00000000-0000-0000-0000-000000000000",
            "default",
            "fr-FR",
            "MSDK",
            "impDisplay",
            "Support",
            "https://app.acme.example/billing",
            "http://",
            "javascript:alert(1)",
            "https://a.example/\u00e9?x=%zz",
            "en-GB-u-ca-japanese-x-private",
            "i-klingon",
            "12345678",
            "java.lang.NullPointerException",
            "\tat io.sessionflow.Fake(Fake.java:1)");

    /** Code points worth trying: controls, separators, bidi and zero-width marks, BOM, specials, non-BMP. */
    private static final int[] ODD_CODE_POINTS = {
        0x0000, 0x0001, 0x0008, 0x0009, 0x000A, 0x000D, 0x001B, 0x001F, 0x007F, 0x0080, 0x009F, 0x00A0, 0x00AD, 0x00E9,
        0x0130, 0x0301, 0x0345, 0x05D0, 0x0627, 0x0E01, 0x2028, 0x2029, 0x200B, 0x200D, 0x202E, 0x2066, 0x3000, 0x4E2D,
        0xFDD0, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600, 0x1F4A9, 0x10FFFF, 0xE0001
    };

    private HostileText() {}

    /** A string to put where a string (key, value, header, id) is expected. */
    public static String string(Draw d) {
        return switch (d.weighted(6, 4, 3, 4, 4, 3, 2, 2)) {
            case 0 -> plain(d, 0, 12);
            case 1 -> d.pick(TOKENS);
            case 2 -> d.pick("", " ", "\t", "  \n ", "\u00a0", "\u3000");
            case 3 -> unicode(d, d.between(1, 20));
            case 4 -> repeat(d.pick("a", "7", "\u00e9", "\u4e2d", "\ud83d\ude00", "ab-"), d.pick(EDGE_LENGTHS));
            case 5 -> controls(d);
            case 6 -> loneSurrogates(d);
            default -> plain(d, 1, 8) + unicode(d, 3) + plain(d, 1, 8);
        };
    }

    /** Letters, digits and a few punctuation marks. */
    public static String plain(Draw d, int minLength, int maxLength) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:/ ";
        int length = d.between(minLength, maxLength);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(d.between(0, alphabet.length() - 1)));
        }
        return out.toString();
    }

    static String unicode(Draw d, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.appendCodePoint(
                    d.chance(70) ? ODD_CODE_POINTS[d.between(0, ODD_CODE_POINTS.length - 1)] : d.between(0x20, 0x2FFF));
        }
        return out.toString();
    }

    private static String controls(Draw d) {
        StringBuilder out = new StringBuilder("x");
        for (int i = d.between(1, 6); i > 0; i--) {
            out.append((char) d.between(0, 0x1f));
        }
        return out.append('\u007f').toString();
    }

    /** Unpaired UTF-16 surrogates: representable in JSON only as escapes. */
    private static String loneSurrogates(Draw d) {
        return d.pick("\ud800", "\udfff", "a\udc00b", "\ud83d", "\ude00\ud83d", "x\ud800\ud800");
    }

    public static String repeat(String unit, int codeUnits) {
        StringBuilder out = new StringBuilder(codeUnits + unit.length());
        while (out.length() < codeUnits) {
            out.append(unit);
        }
        return out.toString();
    }

    /** JSON number literals, valid and not (leading zeros, NaN, hex...), up to past Jackson's length limits. */
    public static String number(Draw d) {
        return switch (d.weighted(4, 3, 2, 2)) {
            case 0 ->
                d.pick(
                        "0",
                        "-0",
                        "1",
                        "-1",
                        "0.0",
                        "1.5",
                        "-7",
                        "123",
                        "3600",
                        "86400",
                        "86401",
                        "2147483647",
                        "2147483648",
                        "-2147483649",
                        "9223372036854775807",
                        "9223372036854775808",
                        "-9223372036854775809",
                        "1e3",
                        "1E+3",
                        "1e-3",
                        "1.0e0",
                        "900.0",
                        "1e308",
                        "1e309",
                        "-1e309",
                        "4.9e-324",
                        "1e-400",
                        "1e2147483648",
                        "1e-2147483649",
                        "123456789012345678901234567890",
                        "0.000000000000000000000000000001");
            case 1 ->
                d.pick(
                        "01",
                        "+1",
                        ".5",
                        "1.",
                        "1e",
                        "-",
                        "--1",
                        "NaN",
                        "Infinity",
                        "-Infinity",
                        "0x10",
                        "1_000",
                        "1,5",
                        "١٢٣");
            case 2 -> repeat("9", d.pick(500, 999, 1000, 1001, 5000, 20_000));
            default -> "1e" + repeat("9", d.pick(10, 100, 1001));
        };
    }

    /** A JSON value of any type, possibly invalid JSON, possibly deep. */
    public static String value(Draw d, int depth) {
        int kind = d.weighted(3, 4, 6, depth < 3 ? 3 : 0, depth < 3 ? 3 : 0, 1, 1);
        return switch (kind) {
            case 0 -> d.pick("null", "true", "false", "nul", "True", "undefined");
            case 1 -> number(d);
            case 2 -> Json.quote(string(d), d.chance(30));
            case 3 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = d.between(0, 4); i > 0; i--) {
                    array.append(value(d, depth + 1)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            case 4 -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = d.between(0, 4); i > 0; i--) {
                    object.append(Json.quote(string(d), false))
                            .append(':')
                            .append(value(d, depth + 1))
                            .append(i > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
            case 5 -> deep(d);
            default -> "[" + repeat("0,", d.pick(1000, 20_000)) + "0]";
        };
    }

    /** Nesting from harmless to past the parser's depth limit (Jackson's default is 1000). */
    static String deep(Draw d) {
        int depth = d.pick(10, 100, 999, 1000, 1001, 5000, 30_000);
        boolean arrays = d.chance(50);
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        boolean unclosed = d.chance(20);
        return repeat(open, depth * open.length()) + "1" + (unclosed ? "" : repeat(close, depth));
    }
}
