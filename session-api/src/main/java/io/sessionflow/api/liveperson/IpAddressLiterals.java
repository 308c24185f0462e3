package io.sessionflow.api.liveperson;

/**
 * Recognises IP address literals by their text alone, never by a name lookup: IPv4 dotted-quad
 * (four decimal octets 0-255, no leading zeros, which some parsers read as octal) and IPv6 in the
 * RFC 4291 text forms (eight groups of 1-4 hex digits, one {@code ::} for a run of zero groups, an
 * optional trailing dotted quad). Zone ids ({@code %eth0}), brackets, CIDR suffixes and surrounding
 * whitespace are refused.
 */
final class IpAddressLiterals {

    private static final int MAX_IPV6_LENGTH = 45;

    private IpAddressLiterals() {}

    static boolean isIpAddress(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    static boolean isIpv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty()
                    || octet.length() > 3
                    || !allDigits(octet)
                    || (octet.length() > 1 && octet.charAt(0) == '0')
                    || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String text) {
        if (text.length() < 2 || text.length() > MAX_IPV6_LENGTH || text.indexOf(':') < 0) {
            return false;
        }
        int compression = text.indexOf("::");
        if (compression >= 0 && compression != text.lastIndexOf("::")) {
            return false;
        }
        String head = compression >= 0 ? text.substring(0, compression) : text;
        String tail = compression >= 0 ? text.substring(compression + 2) : "";
        // only the address's last group may be a dotted quad: the tail's, or the head's when nothing is compressed
        int headGroups = groups(head, compression < 0);
        int tailGroups = groups(tail, true);
        if (headGroups < 0 || tailGroups < 0) {
            return false;
        }
        int total = headGroups + tailGroups;
        return compression >= 0 ? total <= 7 : total == 8;
    }

    /**
     * @param mayEndWithIpv4 whether the last group may be a dotted quad (it counts as two groups)
     * @return the number of 16-bit groups in a colon-separated run, 0 for an empty run, -1 if malformed
     */
    private static int groups(String run, boolean mayEndWithIpv4) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] groups = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && mayEndWithIpv4 && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) {
                    return -1;
                }
                count += 2;
            } else if (group.isEmpty() || group.length() > 4 || !allHex(group)) {
                return -1;
            } else {
                count++;
            }
        }
        return count;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean allHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
