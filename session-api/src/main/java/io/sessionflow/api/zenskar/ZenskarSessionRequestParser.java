package io.sessionflow.api.zenskar;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sessionflow.api.Parsed;
import io.sessionflow.api.StrictJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * Parses and validates Zenskar's {@code CreateSessionRequestSchema} as Zenskar's FastAPI/pydantic
 * service does (pydantic's lax mode, which FastAPI uses), with its error types and messages. Pure and
 * thread-safe; {@link #parse} never throws.
 *
 * <ul>
 *   <li>{@code customer_id}: UUID or null; a UUID string in any form pydantic reads (hyphenated,
 *   32 hex digits, braced, {@code urn:uuid:}), kept in canonical lower-case form.</li>
 *   <li>{@code is_guest_session}: boolean or null; pydantic's lax forms too (0/1, "true"/"false",
 *   "yes"/"no", "on"/"off", "t"/"f", "y"/"n", "1"/"0").</li>
 *   <li>{@code return_url}: required string, an absolute http(s) URL of at most 2083 characters
 *   (pydantic's {@code HttpUrl} rules and error types).</li>
 *   <li>{@code idle_timeout}: integer or null (null and absent mean the default 3600), greater than 0
 *   and at most {@value #MAX_IDLE_TIMEOUT_SECONDS}; integral floats and integer strings are read as
 *   pydantic reads them.</li>
 *   <li>{@code session_key}: string or null, 1 to {@value #MAX_SESSION_KEY_LENGTH} characters.</li>
 *   <li>exactly one of a {@code customer_id} and {@code is_guest_session: true}.</li>
 * </ul>
 * Every problem is reported at once, in field order; unknown fields are ignored (pydantic's default).
 * Malformed JSON (including duplicate keys and trailing content, which this service refuses) is a
 * single {@code json_invalid} at the character position where reading stopped; a body that is not
 * UTF-8 is a 400, as FastAPI answers it.
 */
public final class ZenskarSessionRequestParser {

    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 3600;
    /** 24 hours: a portal session idle for longer must start again. */
    public static final int MAX_IDLE_TIMEOUT_SECONDS = 86_400;

    public static final int MAX_SESSION_KEY_LENGTH = 255;
    /** pydantic's {@code HttpUrl} limit. */
    public static final int MAX_URL_LENGTH = 2083;

    static final String NOT_UTF8 = "There was an error parsing the body";

    private static final Pattern INTEGER_STRING = Pattern.compile("[+-]?[0-9]+(\\.0+)?");
    private static final Set<String> TRUE_STRINGS = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE_STRINGS = Set.of("0", "off", "f", "false", "n", "no");
    private static final int[] UUID_GROUPS = {8, 4, 4, 4, 12};

    private final ObjectReader reader;

    public ZenskarSessionRequestParser(ObjectMapper mapper) {
        this.reader = new StrictJson(mapper).reader();
    }

    /**
     * The body is refused: 422 with {@code errors}, or (a body that is not UTF-8) 400 with
     * {@code detail}. {@code undecodable} marks a body that was not read as JSON at all, whose error
     * FastAPI answers alone, before any other validation.
     */
    public record Invalid(int status, String detail, List<ZenskarValidationError> errors, boolean undecodable)
            implements Parsed.Invalid<ZenskarSessionRequest> {
        public Invalid {
            errors = List.copyOf(errors);
        }

        static ZenskarSessionRequestParser.Invalid validation(List<ZenskarValidationError> errors) {
            return new ZenskarSessionRequestParser.Invalid(422, null, errors, false);
        }
    }

    /**
     * @param body     the raw body; null or empty when none was sent
     * @param jsonBody false when the Content-Type is not JSON: FastAPI then validates the raw bytes,
     *                 which are never an object
     */
    public Parsed<ZenskarSessionRequest> parse(byte[] body, boolean jsonBody) {
        try {
            return parseBody(body, jsonBody);
        } catch (RuntimeException unexpected) {
            // Last resort, so that no input can turn into a 500.
            return new Invalid(400, NOT_UTF8, List.of(), true);
        }
    }

    private Parsed<ZenskarSessionRequest> parseBody(byte[] body, boolean jsonBody) {
        if (body == null || body.length == 0) {
            return Invalid.validation(List.of(ZenskarValidationError.wholeBody("missing", "Field required")));
        }
        if (!jsonBody) {
            return Invalid.validation(List.of(notAnObject()));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new Invalid(400, NOT_UTF8, List.of(), true);
        }
        JsonNode root;
        try {
            root = reader.readTree(text);
        } catch (JacksonException malformed) {
            return jsonInvalid(text, malformed.getLocation(), firstLine(malformed.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return jsonInvalid(text, null, "Expecting value");
        }
        if (root.isNull()) {
            return Invalid.validation(List.of(ZenskarValidationError.wholeBody("missing", "Field required")));
        }
        if (!root.isObject()) {
            return Invalid.validation(List.of(notAnObject()));
        }
        return validate(root);
    }

    private static Parsed<ZenskarSessionRequest> validate(JsonNode root) {
        List<ZenskarValidationError> errors = new ArrayList<>();
        Field<String> customerId = customerId(root.get("customer_id"), errors);
        Field<Boolean> guest = guest(root.get("is_guest_session"), errors);
        Field<String> returnUrl = returnUrl(root.get("return_url"), errors);
        Field<Integer> idleTimeout = idleTimeout(root.get("idle_timeout"), errors);
        Field<String> sessionKey = sessionKey(root.get("session_key"), errors);

        if (customerId.valid() && guest.valid()) {
            boolean isGuest = Boolean.TRUE.equals(guest.value());
            if (isGuest && customerId.value() != null) {
                errors.add(
                        0,
                        ZenskarValidationError.body(
                                "customer_id",
                                "value_error",
                                "Value error, customer_id must be null for a guest session (is_guest_session is true)"));
            } else if (!isGuest && customerId.value() == null) {
                errors.add(
                        0,
                        ZenskarValidationError.body(
                                "customer_id",
                                "value_error",
                                "Value error, customer_id is required unless is_guest_session is true"));
            }
        }
        if (!errors.isEmpty()) {
            return Invalid.validation(errors);
        }
        return new Parsed.Valid<>(new ZenskarSessionRequest(
                customerId.value(),
                Boolean.TRUE.equals(guest.value()),
                returnUrl.value(),
                idleTimeout.value(),
                sessionKey.value()));
    }

    /** A field's value when valid; {@code valid} false when an error was added for it. */
    private record Field<T>(T value, boolean valid) {

        static <T> Field<T> of(T value) {
            return new Field<>(value, true);
        }

        static <T> Field<T> invalid(List<ZenskarValidationError> errors, ZenskarValidationError error) {
            errors.add(error);
            return new Field<>(null, false);
        }
    }

    // ---- fields -------------------------------------------------------------------------------------

    private static Field<String> customerId(JsonNode node, List<ZenskarValidationError> errors) {
        if (absentOrNull(node)) {
            return Field.of(null);
        }
        if (!node.isString()) {
            return Field.invalid(
                    errors,
                    ZenskarValidationError.body(
                            "customer_id", "uuid_type", "UUID input should be a string, bytes or UUID object"));
        }
        String value = node.stringValue();
        String problem = uuidProblem(value);
        if (problem != null) {
            return Field.invalid(
                    errors,
                    ZenskarValidationError.body(
                            "customer_id", "uuid_parsing", "Input should be a valid UUID, " + problem));
        }
        return Field.of(canonicalUuid(value));
    }

    private static Field<Boolean> guest(JsonNode node, List<ZenskarValidationError> errors) {
        if (absentOrNull(node)) {
            return Field.of(null);
        }
        Boolean value = null;
        if (node.isBoolean()) {
            value = node.booleanValue();
        } else if (node.isNumber()) {
            BigDecimal number = node.decimalValue();
            value = number.compareTo(BigDecimal.ZERO) == 0
                    ? Boolean.FALSE
                    : number.compareTo(BigDecimal.ONE) == 0 ? Boolean.TRUE : null;
        } else if (node.isString()) {
            String text = node.stringValue().toLowerCase(Locale.ROOT);
            value = TRUE_STRINGS.contains(text) ? Boolean.TRUE : FALSE_STRINGS.contains(text) ? Boolean.FALSE : null;
        } else {
            return Field.invalid(
                    errors,
                    ZenskarValidationError.body("is_guest_session", "bool_type", "Input should be a valid boolean"));
        }
        if (value == null) {
            return Field.invalid(
                    errors,
                    ZenskarValidationError.body(
                            "is_guest_session",
                            "bool_parsing",
                            "Input should be a valid boolean, unable to interpret input"));
        }
        return Field.of(value);
    }

    private static Field<String> returnUrl(JsonNode node, List<ZenskarValidationError> errors) {
        if (node == null || node.isMissingNode()) {
            return Field.invalid(errors, ZenskarValidationError.body("return_url", "missing", "Field required"));
        }
        if (!node.isString()) {
            return Field.invalid(
                    errors, ZenskarValidationError.body("return_url", "string_type", "Input should be a valid string"));
        }
        String url = node.stringValue();
        if (StrictJson.hasUnpairedSurrogate(url)) {
            return Field.invalid(errors, notUnicode("return_url"));
        }
        if (url.codePointCount(0, url.length()) > MAX_URL_LENGTH) {
            return Field.invalid(
                    errors,
                    ZenskarValidationError.body(
                            "return_url",
                            "url_too_long",
                            "URL should have at most " + MAX_URL_LENGTH + " characters",
                            Map.of("max_length", MAX_URL_LENGTH)));
        }
        String problem = httpUrlProblem(url);
        if (problem != null) {
            String type = problem.startsWith("URL scheme") ? "url_scheme" : "url_parsing";
            Map<String, Object> ctx = type.equals("url_scheme")
                    ? Map.of("expected_schemes", "'http' or 'https'")
                    : Map.of("error", problem);
            String msg = type.equals("url_scheme") ? problem : "Input should be a valid URL, " + problem;
            return Field.invalid(errors, ZenskarValidationError.body("return_url", type, msg, ctx));
        }
        return Field.of(url);
    }

    private static Field<Integer> idleTimeout(JsonNode node, List<ZenskarValidationError> errors) {
        if (absentOrNull(node)) {
            return Field.of(DEFAULT_IDLE_TIMEOUT_SECONDS);
        }
        BigDecimal value;
        if (node.isBoolean()) {
            value = node.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
        } else if (node.isNumber()) {
            value = node.decimalValue();
            if (value.stripTrailingZeros().scale() > 0) {
                return Field.invalid(
                        errors,
                        ZenskarValidationError.body(
                                "idle_timeout",
                                "int_from_float",
                                "Input should be a valid integer, got a number with a fractional part"));
            }
        } else if (node.isString()) {
            String text = node.stringValue().strip();
            if (!INTEGER_STRING.matcher(text).matches()) {
                return Field.invalid(
                        errors,
                        ZenskarValidationError.body(
                                "idle_timeout",
                                "int_parsing",
                                "Input should be a valid integer, unable to parse string as an integer"));
            }
            value = new BigDecimal(text);
        } else {
            return Field.invalid(
                    errors, ZenskarValidationError.body("idle_timeout", "int_type", "Input should be a valid integer"));
        }
        // compared, never expanded: 1e999999999 is a valid JSON number
        if (value.signum() <= 0) {
            return Field.invalid(
                    errors,
                    ZenskarValidationError.body(
                            "idle_timeout", "greater_than", "Input should be greater than 0", Map.of("gt", 0)));
        }
        if (value.compareTo(BigDecimal.valueOf(MAX_IDLE_TIMEOUT_SECONDS)) > 0) {
            return Field.invalid(
                    errors,
                    ZenskarValidationError.body(
                            "idle_timeout",
                            "less_than_equal",
                            "Input should be less than or equal to " + MAX_IDLE_TIMEOUT_SECONDS,
                            Map.of("le", MAX_IDLE_TIMEOUT_SECONDS)));
        }
        return Field.of(value.intValueExact());
    }

    private static Field<String> sessionKey(JsonNode node, List<ZenskarValidationError> errors) {
        if (absentOrNull(node)) {
            return Field.of(null);
        }
        if (!node.isString()) {
            return Field.invalid(
                    errors,
                    ZenskarValidationError.body("session_key", "string_type", "Input should be a valid string"));
        }
        String value = node.stringValue();
        if (StrictJson.hasUnpairedSurrogate(value)) {
            return Field.invalid(errors, notUnicode("session_key"));
        }
        int length = value.codePointCount(0, value.length());
        if (length < 1) {
            return Field.invalid(
                    errors,
                    ZenskarValidationError.body(
                            "session_key",
                            "string_too_short",
                            "String should have at least 1 character",
                            Map.of("min_length", 1)));
        }
        if (length > MAX_SESSION_KEY_LENGTH) {
            return Field.invalid(
                    errors,
                    ZenskarValidationError.body(
                            "session_key",
                            "string_too_long",
                            "String should have at most " + MAX_SESSION_KEY_LENGTH + " characters",
                            Map.of("max_length", MAX_SESSION_KEY_LENGTH)));
        }
        return Field.of(value);
    }

    // ---- rules --------------------------------------------------------------------------------------

    /** Why {@code text} is not a UUID in a form pydantic reads, worded as pydantic words it; null when it is one. */
    static String uuidProblem(String text) {
        String uuid = uuidBody(text);
        int prefix = text.startsWith("urn:uuid:") ? "urn:uuid:".length() : uuid.length() == text.length() ? 0 : 1;
        for (int i = 0; i < uuid.length(); i++) {
            char c = uuid.charAt(i);
            if (c != '-' && !isAsciiHex(c)) {
                int position = prefix + i;
                return "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `"
                        + new String(Character.toChars(text.codePointAt(position))) + "` at "
                        + (text.codePointCount(0, position) + 1);
            }
        }
        if (uuid.indexOf('-') < 0) {
            return uuid.length() == 32
                    ? null
                    : "invalid length: expected length 32 for simple format, found " + uuid.length();
        }
        String[] groups = uuid.split("-", -1);
        if (groups.length != UUID_GROUPS.length) {
            return "invalid group count: expected " + UUID_GROUPS.length + ", found " + groups.length;
        }
        for (int group = 0; group < groups.length; group++) {
            if (groups[group].length() != UUID_GROUPS[group]) {
                return "invalid group length in group " + group + ": expected " + UUID_GROUPS[group] + ", found "
                        + groups[group].length();
            }
        }
        return null;
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** @param text a string {@link #uuidProblem} accepts */
    static String canonicalUuid(String text) {
        String hex = uuidBody(text).replace("-", "").toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** The UUID without a {@code urn:uuid:} prefix or braces around it. */
    private static String uuidBody(String text) {
        if (text.startsWith("urn:uuid:")) {
            return text.substring("urn:uuid:".length());
        }
        if (text.length() == 38 && text.startsWith("{") && text.endsWith("}")) {
            return text.substring(1, 37);
        }
        return text;
    }

    /** Why {@code url} is not an absolute http(s) URL with a host, in pydantic's words; null when it is one. */
    static String httpUrlProblem(String url) {
        if (url.isEmpty()) {
            return "input is empty";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return e.getReason().toLowerCase(Locale.ROOT) + " at index " + e.getIndex();
        }
        if (uri.getScheme() == null) {
            return "relative URL without a base";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "URL scheme should be 'http' or 'https'";
        }
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            return "empty host";
        }
        if (uri.getHost() == null) {
            return "invalid host";
        }
        return null;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static boolean absentOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static ZenskarValidationError notAnObject() {
        return ZenskarValidationError.wholeBody(
                "model_attributes_type", "Input should be a valid dictionary or object to extract fields from");
    }

    private static ZenskarValidationError notUnicode(String field) {
        return ZenskarValidationError.body(
                field,
                "string_unicode",
                "Input should be a valid string, unable to parse raw data as a unicode string");
    }

    /** FastAPI's answer to a body its JSON decoder refuses: loc {@code ["body", <character position>]}. */
    private static Invalid jsonInvalid(String text, TokenStreamLocation location, String reason) {
        long offset = location == null || location.getCharOffset() < 0 ? text.length() : location.getCharOffset();
        int chars = (int) Math.min(offset, text.length());
        int position = text.codePointCount(0, chars);
        return new Invalid(
                422,
                null,
                List.of(new ZenskarValidationError(
                        "json_invalid",
                        List.of("body", position),
                        "JSON decode error",
                        Map.of("error", reason == null ? "Invalid JSON" : reason))),
                true);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
