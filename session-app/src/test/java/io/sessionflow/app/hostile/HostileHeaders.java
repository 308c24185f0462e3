package io.sessionflow.app.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sessionflow.app.hostile.RawHttp.Header;

/**
 * Hostile headers around a valid request's: Content-Type variants and charsets, Idempotency-Keys of
 * odd lengths and characters, credentials removed, garbled or repeated, garbage Origin and Accept,
 * unknown headers. Every value is a legal HTTP field value (visible ASCII, space, tab and obs-text
 * bytes), as a client can send it: what the connector refuses before the application sees it is not
 * the subject here.
 */
public final class HostileHeaders {

    static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/json;charset=UTF-8",
            "application/json; charset=ISO-8859-1",
            "application/json; charset=utf-16",
            "application/json; charset=nope",
            "application/json; charset=",
            "application/json; charset=\"utf-8\"",
            "APPLICATION/JSON",
            "application/problem+json",
            "application/vnd.api+json",
            "application/jsonx",
            "text/json",
            "text/plain",
            "text/plain; charset=utf-8",
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=nope",
            "application/x-www-form-urlencoded; charset=utf-16",
            "multipart/form-data",
            "multipart/form-data; boundary=boundary",
            "multipart/mixed; boundary=x",
            "application/xml",
            "application/yaml",
            "*/*",
            "application/*",
            "application",
            "application/",
            "/",
            ";",
            "json",
            "",
            " ",
            "application/json;;",
            "application/json; a",
            "application/json; =x",
            "application/octet-stream",
            "application/json, text/plain",
            "application/json; charset=utf-8; q=\"");

    static final List<String> ACCEPTS = List.of(
            "application/json",
            "*/*",
            "text/html",
            "application/xml",
            "text/plain",
            "application/problem+json",
            "image/png",
            ";;;",
            "application/json;q=0",
            "text/html;q=0.9, */*;q=0",
            "application/*",
            "*/json",
            "text/event-stream",
            "");

    private static final List<String> AUTH_SCHEMES = List.of(
            "Bearer ",
            "Basic ",
            "bearer ",
            "BASIC ",
            "Digest ",
            "Bearer  ",
            "Bearer\t",
            "Basic Og==",
            "Basic =",
            "Basic " + base64(":"),
            "Basic " + base64("a:"),
            "Basic " + base64(":b"),
            "Basic " + base64("no colon"),
            "Basic " + base64("\u00e9:\u00e9"),
            "Negotiate ",
            "Bearer a b c",
            "Bearer, Basic ",
            "");

    private HostileHeaders() {}

    /**
     * 0 to 3 mutations of {@code valid}.
     *
     * @param credentials the names of the headers that carry this endpoint's credentials
     */
    public static List<Header> around(Draw d, List<Header> valid, List<String> credentials) {
        List<Header> headers = new ArrayList<>(valid);
        for (int i = d.weighted(5, 4, 2, 1); i > 0; i--) {
            switch (d.weighted(5, 3, credentials.isEmpty() ? 0 : 5, 2, 2, 2, 2, 1)) {
                case 0 -> set(d, headers, "Content-Type", d.chance(85) ? d.pick(CONTENT_TYPES) : value(d));
                case 1 -> set(d, headers, "Idempotency-Key", idempotencyKey(d));
                case 2 -> credential(d, headers, d.pick(credentials));
                case 3 -> set(d, headers, "Authorization", d.pick(AUTH_SCHEMES) + (d.chance(70) ? value(d) : ""));
                case 4 ->
                    set(
                            d,
                            headers,
                            "Origin",
                            d.pick(
                                            "null",
                                            "https://shop.acme.example",
                                            "http://localhost:3000",
                                            "https://shop.acme.example.evil.example",
                                            "https://SHOP.acme.example",
                                            "*",
                                            "file://",
                                            "")
                                    + (d.chance(30) ? value(d) : ""));
                case 5 -> set(d, headers, "Accept", d.chance(80) ? d.pick(ACCEPTS) : value(d));
                case 6 -> headers.add(new Header(name(d), value(d)));
                default -> renameCase(d, headers);
            }
        }
        return headers;
    }

    /** Replace, remove or repeat a header. */
    private static void set(Draw d, List<Header> headers, String name, String value) {
        switch (d.weighted(6, 2, 2)) {
            case 0 -> {
                headers.removeIf(h -> h.name().equalsIgnoreCase(name));
                headers.add(new Header(name, value));
            }
            case 1 -> headers.removeIf(h -> h.name().equalsIgnoreCase(name));
            default -> headers.add(new Header(name, value));
        }
    }

    private static void credential(Draw d, List<Header> headers, String name) {
        String current = headers.stream()
                .filter(h -> h.name().equalsIgnoreCase(name))
                .map(Header::value)
                .findFirst()
                .orElse("");
        String value = switch (d.weighted(3, 3, 2, 2, 1)) {
            case 0 -> value(d);
            case 1 -> current + value(d);
            case 2 -> current.toUpperCase(Locale.ROOT);
            case 3 -> " " + current + " ";
            default -> current.substring(0, current.length() / 2);
        };
        set(d, headers, name, value);
    }

    private static void renameCase(Draw d, List<Header> headers) {
        if (!headers.isEmpty()) {
            int at = d.between(0, headers.size() - 1);
            Header header = headers.get(at);
            headers.set(
                    at,
                    new Header(
                            d.chance(50)
                                    ? header.name().toUpperCase(Locale.ROOT)
                                    : header.name().toLowerCase(Locale.ROOT),
                            header.value()));
        }
    }

    /** Empty, blank, at and past the 255-character limit, odd characters, or from a small pool (to reuse keys). */
    static String idempotencyKey(Draw d) {
        return switch (d.weighted(3, 2, 3, 2, 2)) {
            case 0 -> d.pick("", " ", "\t", "a");
            case 1 -> "k" + HostileText.repeat("y", d.pick(253, 254, 255, 300, 4000));
            case 2 -> "fuzz-" + HostileText.plain(d, 1, 40);
            case 3 -> value(d);
            default -> d.pick("fuzz-reused-1", "fuzz-reused-2");
        };
    }

    /** A legal field value made from a hostile string: UTF-8 bytes beyond ASCII travel as obs-text. */
    static String value(Draw d) {
        byte[] bytes = HostileText.string(d).getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\t' || (c >= 0x20 && c != 0x7f)) {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static String name(Draw d) {
        return d.pick(
                "X-Forwarded-For",
                "X-Forwarded-Host",
                "X-Forwarded-Proto",
                "Forwarded",
                "X-HTTP-Method-Override",
                "Cookie",
                "Range",
                "If-None-Match",
                "Accept-Charset",
                "Accept-Encoding",
                "Accept-Language",
                "Content-Encoding",
                "Content-Language",
                "X-" + HostileText.plain(d, 1, 20).replaceAll("[^A-Za-z0-9-]", "-"));
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
