package io.sessionflow.app;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The JSON Schema {@code format}s the OpenAPI documents use, asserted (not annotations only): a
 * documented example or a real answer with a bad uuid, date-time or URI is a mismatch with its
 * description. A format not listed here fails, so that a new one is not silently ignored.
 */
final class SchemaFormats {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}" + "-[0-9a-fA-F]{12}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}" + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final BigDecimal INT32_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT32_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal INT64_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private SchemaFormats() {}

    /** Whether a string holds its format (a numeric format does not apply to a string). */
    static boolean holds(String format, String value) {
        return switch (format) {
            case "uuid" -> UUID.matcher(value).matches();
            case "date-time" -> parses(() -> OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            case "date" -> parses(() -> LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE));
            case "uri" -> uri(value) != null && uri(value).isAbsolute();
            case "uri-reference" -> uri(value) != null;
            case "email" -> EMAIL.matcher(value).matches();
            case "ipv4" -> IPV4.matcher(value).matches();
            case "ipv6" -> IPV6_CHARACTERS.matcher(value).matches() && value.contains(":") && ipv6(value);
            case "int32", "int64" -> true;
            default -> throw new AssertionError("format " + format + " is not checked: add it to SchemaFormats");
        };
    }

    /** Whether a number holds its format (a string format does not apply to a number). */
    static boolean holds(String format, BigDecimal value) {
        return switch (format) {
            case "int32" -> isIntegral(value) && value.compareTo(INT32_MIN) >= 0 && value.compareTo(INT32_MAX) <= 0;
            case "int64" -> isIntegral(value) && value.compareTo(INT64_MIN) >= 0 && value.compareTo(INT64_MAX) <= 0;
            default -> true;
        };
    }

    private static boolean isIntegral(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean ipv6(String value) {
        try {
            // only hex digits, colons and dots reach here: a literal, never a name to look up
            return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
