package io.sessionflow.schemas.chat;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web origins as RFC 6454 serialises them ({@code scheme://host[:port]}), the one comparison of a
 * browser's {@code Origin} header with a chat widget key's {@code allowedOrigins}: the processor
 * decides with it and the API grants CORS with it, so the two never disagree.
 *
 * <p>Only {@code http} and {@code https} origins exist here (a widget is embedded in web pages).
 * Scheme and host are compared in lower case, an internationalised host as its punycode (what a
 * browser sends), an IPv6 literal in its compressed form, and the scheme's default port as no port.
 * Anything else in the text (a path, even {@code /}, a query, a fragment, user info, spaces) means
 * it is not an origin, and so is {@code null} (an opaque origin: a sandboxed frame or a file page,
 * nobody's to trust).
 */
public final class WebOrigins {

    /** In {@code allowedOrigins}: any origin. */
    public static final String ANY = "*";

    private static final Pattern ORIGIN = Pattern.compile(
            "^([A-Za-z][A-Za-z0-9+.-]*)://(\\[[0-9A-Fa-f:.]+]|[^\\[\\]/?#@:\\s\\\\%]+)(?::([0-9]{1,5}))?$");
    /** labels of letters, digits, '-' and '_' (browsers allow '_'), a trailing dot allowed (a distinct host) */
    private static final Pattern HOST_NAME = Pattern.compile("^[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?$");

    private static final Pattern HEX_GROUP = Pattern.compile("^[0-9A-Fa-f]{1,4}$");
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

    private WebOrigins() {}

    /** @return the origin as a browser serialises it, or null when {@code text} is not an http(s) origin */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        Matcher origin = ORIGIN.matcher(text);
        if (!origin.matches()) {
            return null;
        }
        String scheme = origin.group(1).toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        if (defaultPort < 0) {
            return null;
        }
        String host = origin.group(2).startsWith("[") ? ipv6(origin.group(2)) : domainOrIpv4(origin.group(2));
        if (host == null) {
            return null;
        }
        if (origin.group(3) == null) {
            return scheme + "://" + host;
        }
        int port = Integer.parseInt(origin.group(3));
        if (port > 65535) {
            return null;
        }
        return scheme + "://" + host + (port == defaultPort ? "" : ":" + port);
    }

    /**
     * @param allowedOrigins a widget key's list: origins, or {@value #ANY} for any origin
     * @return whether the request's {@code Origin} is one of them; never for text that is no origin
     */
    public static boolean allowed(String origin, List<String> allowedOrigins) {
        String normalized = normalize(origin);
        if (normalized == null) {
            return false;
        }
        for (String allowed : allowedOrigins) {
            if (ANY.equals(allowed) || normalized.equals(normalize(allowed))) {
                return true;
            }
        }
        return false;
    }

    private static String domainOrIpv4(String host) {
        try {
            String ascii = IDN.toASCII(host).toLowerCase(Locale.ROOT);
            if (!HOST_NAME.matcher(ascii).matches()) {
                return null;
            }
            Matcher ipv4 = IPV4.matcher(ascii);
            if (ipv4.matches()) {
                for (int i = 1; i <= 4; i++) {
                    if (Integer.parseInt(ipv4.group(i)) > 255) {
                        return null;
                    }
                }
            }
            return ascii;
        } catch (IllegalArgumentException notAHostName) {
            return null;
        }
    }

    /** {@code [..]} in the URL standard's form: lower-case hex, no leading zeros, the first longest zero run as ::. */
    private static String ipv6(String bracketed) {
        int[] groups = ipv6Groups(bracketed.substring(1, bracketed.length() - 1));
        if (groups == null) {
            return null;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            text.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                text.append(':');
            }
        }
        return text.append(']').toString();
    }

    private static int[] ipv6Groups(String address) {
        int gap = address.indexOf("::");
        if (gap != address.lastIndexOf("::") || address.contains(":::")) {
            return null;
        }
        List<Integer> head = hexGroups(gap < 0 ? address : address.substring(0, gap));
        List<Integer> tail = gap < 0 ? List.of() : hexGroups(address.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int given = head.size() + tail.size();
        if (gap < 0 ? given != 8 : given > 7) {
            return null;
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.size(); i++) {
            groups[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            groups[8 - tail.size() + i] = tail.get(i);
        }
        return groups;
    }

    /** Colon-separated hex groups, the last of which may be a dotted IPv4 address (two groups). */
    private static List<Integer> hexGroups(String part) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            Matcher ipv4 = IPV4.matcher(pieces[i]);
            if (i == pieces.length - 1 && ipv4.matches()) {
                int[] bytes = new int[4];
                for (int b = 0; b < 4; b++) {
                    bytes[b] = Integer.parseInt(ipv4.group(b + 1));
                    if (bytes[b] > 255) {
                        return null;
                    }
                }
                groups.add(bytes[0] << 8 | bytes[1]);
                groups.add(bytes[2] << 8 | bytes[3]);
            } else if (HEX_GROUP.matcher(pieces[i]).matches()) {
                groups.add(Integer.parseInt(pieces[i], 16));
            } else {
                return null;
            }
        }
        return groups;
    }
}
