package io.sessionflow.app.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Hostile request targets: odd path segments (ids) and query strings. Every char is one byte on the
 * wire (see {@link RawHttp}); most are what a client can put in a URL, some (raw spaces, quotes,
 * control-free bytes beyond ASCII) are what a careless one sends.
 */
public final class HostileTargets {

    private HostileTargets() {}

    /** A path segment: {@code valid} ones, their case changed, random, percent-encoded (also invalidly), long, odd. */
    public static String segment(Draw d, List<String> valid) {
        return switch (d.weighted(6, 2, 3, 3, 2, 2, 2, 2, 1)) {
            case 0 -> d.pick(valid);
            case 1 -> d.pick(valid).toUpperCase(Locale.ROOT);
            case 2 -> HostileText.plain(d, 1, 30).replace("/", "").replace(" ", "_");
            case 3 -> percentEncoded(HostileText.string(d));
            case 4 ->
                d.pick(
                        "%",
                        "%z",
                        "%zz",
                        "%%",
                        "a%2",
                        "%C3%28",
                        "%FF",
                        "%ED%A0%80",
                        "%00",
                        "%2F",
                        "%5C",
                        "%2e%2e",
                        "%252F",
                        "%u0041",
                        "%C0%AF");
            case 5 -> HostileText.repeat(d.pick("a", "0", "%41"), d.pick(64, 65, 255, 256, 1000, 4000, 9000));
            case 6 -> latin1(HostileText.unicode(d, d.between(1, 4)));
            case 7 ->
                d.pick(
                        ".",
                        "..",
                        "a;b=c",
                        ";",
                        "a b",
                        "a\"b",
                        "a<b>",
                        "a{b}",
                        "a|b",
                        "a^b",
                        "a`b",
                        "a\\b",
                        "a#b",
                        "a?b",
                        "~",
                        "*",
                        "a:b",
                        "@",
                        "!$&'()*+,=");
            default -> "";
        };
    }

    /** A query string after the fixed part: empty, garbage pairs, odd encodings, very long. */
    public static String garbageQuery(Draw d) {
        return switch (d.weighted(6, 3, 2, 1, 1)) {
            case 0 -> "";
            case 1 -> "?" + pair(d) + (d.chance(50) ? "&" + pair(d) : "");
            case 2 ->
                "?"
                        + d.pick(
                                "",
                                "&",
                                "&&",
                                "=",
                                "==",
                                "a",
                                "a=",
                                "=a",
                                "%",
                                "%zz",
                                "a=%",
                                "a=%C3%28",
                                "+",
                                "a=b=c",
                                "a=1&a=2",
                                "a[]=1",
                                "a[b]=1",
                                "#frag",
                                "?");
            case 3 -> "?a=" + HostileText.repeat("x", d.pick(1000, 9000));
            default -> "?" + latin1(HostileText.unicode(d, 3));
        };
    }

    static String pair(Draw d) {
        return (d.chance(70) ? percentEncoded(HostileText.plain(d, 0, 8)) : percentEncoded(HostileText.string(d)))
                + (d.chance(85)
                        ? "="
                                + (d.chance(50)
                                        ? percentEncoded(HostileText.string(d))
                                        : HostileText.plain(d, 0, 10).replace(" ", "+"))
                        : "");
    }

    /** Every byte of the UTF-8 form percent-encoded; lone surrogates become "?" as Java encodes them. */
    static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    /** The UTF-8 bytes of {@code text}, one char per byte, without control characters: raw bytes on the wire. */
    static String latin1(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c != 0x7f) {
                out.append((char) c);
            }
        }
        return out.length() == 0 ? "x" : out.toString();
    }
}
