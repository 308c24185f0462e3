package io.sessionflow.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;

/**
 * Parses and validates the chat widget's create-session body
 * ({@code {"publicKey", "customerId"?, "locale"?, "variables"?}}) by the provider's rules. Pure and
 * thread-safe; {@link #parse} never throws.
 *
 * <ul>
 *   <li>400 {@code invalid_input}: no body, not strict JSON (including trailing content and duplicate
 *   keys at any depth), a top level that is not an object, a known field of the wrong JSON type, or a
 *   string that holds an unpaired UTF-16 surrogate (it could not be passed on as received).</li>
 *   <li>422 {@code validation_failed}: every rule the provider states, all offending fields at once,
 *   one detail per field path; several broken rules of one field are joined with {@code "; "}.</li>
 * </ul>
 * JSON null counts as absent for every field; unknown top-level fields are ignored.
 */
public final class ChatSessionRequestParser {

    static final int MAX_CUSTOMER_ID_LENGTH = 100;
    static final int MAX_LOCALE_LENGTH = 16;
    static final int MAX_VARIABLES = 50;
    static final int MAX_VARIABLES_BYTES = 4096;
    static final int MAX_ARRAY_DEPTH = 4;

    private static final String PUBLIC_KEY_REGEX = "^pk_live_[a-f0-9]{32}$";
    private static final String VARIABLE_KEY_REGEX = "^[a-z][a-z0-9_]{0,63}$";
    private static final Pattern PUBLIC_KEY = Pattern.compile(PUBLIC_KEY_REGEX);
    private static final Pattern VARIABLE_KEY = Pattern.compile(VARIABLE_KEY_REGEX);

    private static final String INVALID_INPUT = "invalid_input";
    private static final String VALIDATION_FAILED = "validation_failed";
    private static final String NO_BODY = "Request body is required and must be a JSON object";
    private static final String UNPAIRED_SURROGATE = "must not contain unpaired UTF-16 surrogates";

    private final ObjectReader reader;
    private final ObjectWriter writer;

    public ChatSessionRequestParser(ObjectMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        // Strict JSON whatever the application's mapper allows; numbers kept exactly as sent
        // (BigDecimal, so 1e400 stays a number and 1.50 keeps its scale); nulls kept.
        ObjectReader strict = mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(JsonNodeFeature.READ_NULL_PROPERTIES);
        for (JsonReadFeature lenient : JsonReadFeature.values()) {
            strict = strict.without(lenient);
        }
        this.reader = strict;
        // Compact, in received order, nulls kept, UTF-8 not escaped: the size rule counts these bytes.
        this.writer = mapper.writer()
                .without(SerializationFeature.INDENT_OUTPUT)
                .without(JsonWriteFeature.ESCAPE_NON_ASCII)
                .without(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                .without(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
                .without(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                .with(JsonNodeFeature.WRITE_NULL_PROPERTIES);
    }

    /** The outcome of {@link #parse}. */
    public sealed interface Result permits Valid, Invalid {
    }

    /** The body is well-formed and satisfies every rule. */
    public record Valid(ChatSessionRequest request) implements Result {
        public Valid {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The body is refused: status 400 + error {@code invalid_input}, or 422 + {@code validation_failed};
     * {@code details} maps a field path ({@code publicKey}, {@code variables}, {@code variables.<key>}, ...)
     * to a precise reason, in a stable order (fields in contract order, variables in received order); it
     * is null for an {@code invalid_input} that concerns no particular field.
     */
    public record Invalid(int status, String error, String message, Map<String, String> details) implements Result {
        public Invalid {
            details = details == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    /** Never throws: every input, including null, ends as {@link Valid} or {@link Invalid}. */
    public Result parse(byte[] body) {
        try {
            return parseBody(body);
        } catch (RuntimeException unexpected) {
            // Last resort, so that no input can turn into a 500.
            return invalidInput("Request body could not be read", null);
        }
    }

    private Result parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            return invalidInput(NO_BODY, null);
        }
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (StreamConstraintsException tooLarge) {
            return invalidInput("Request body exceeds the JSON parser's limits (nesting depth or the length of a "
                    + "string, number or name)", null);
        } catch (JacksonException malformed) {
            return malformed(malformed);
        }
        if (root == null || root.isMissingNode()) {
            return invalidInput(NO_BODY, null);
        }
        if (!root.isObject()) {
            return invalidInput("Request body must be a JSON object, not " + describe(root), null);
        }

        JsonNode publicKey = present(root.get("publicKey"));
        JsonNode customerId = present(root.get("customerId"));
        JsonNode locale = present(root.get("locale"));
        JsonNode variables = present(root.get("variables"));

        Map<String, String> malformedFields = new LinkedHashMap<>();
        checkString("publicKey", publicKey, malformedFields);
        checkString("customerId", customerId, malformedFields);
        checkString("locale", locale, malformedFields);
        if (variables != null) {
            if (!variables.isObject()) {
                malformedFields.put("variables", "must be an object");
            } else {
                checkSurrogates(variables, malformedFields);
            }
        }
        if (!malformedFields.isEmpty()) {
            return invalidInput(summary(malformedFields), malformedFields);
        }

        String variablesJson = null;
        if (variables != null) {
            try {
                variablesJson = writer.writeValueAsString(variables);
            } catch (JacksonException unencodable) {
                return invalidInput("variables could not be encoded as JSON",
                        Map.of("variables", "could not be encoded as JSON"));
            }
        }

        Map<String, String> failures = new LinkedHashMap<>();
        validatePublicKey(publicKey, failures);
        validateCustomerId(customerId, failures);
        validateLocale(locale, failures);
        if (variables != null) {
            validateVariables(variables, variablesJson, failures);
        }
        if (!failures.isEmpty()) {
            int count = failures.size();
            return new Invalid(422, VALIDATION_FAILED, "Request validation failed: " + count
                    + (count == 1 ? " field is invalid" : " fields are invalid"), failures);
        }
        return new Valid(new ChatSessionRequest(publicKey.stringValue(),
                customerId == null ? null : customerId.stringValue(),
                locale == null ? null : locale.stringValue(),
                variablesJson, variables == null ? 0 : variables.size()));
    }

    // ---- 400: shape ---------------------------------------------------------------------------------

    private static Invalid malformed(JacksonException e) {
        String message = e.getOriginalMessage();
        // STRICT_DUPLICATE_DETECTION has no exception type of its own; the tests pin this wording
        if (message != null && message.startsWith("Duplicate Object property")) {
            String path = duplicatePath(e);
            return path == null
                    ? invalidInput("Request body contains a duplicate field", null)
                    : invalidInput("Request body contains a duplicate field: " + path, Map.of(path, "duplicate field"));
        }
        TokenStreamLocation location = e.getLocation();
        String where = location != null && location.getLineNr() > 0 && location.getColumnNr() > 0
                ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
        return invalidInput("Request body is not valid JSON" + where, null);
    }

    /** The path of the repeated property, from the parser's state when it refused it, e.g. {@code variables.tags[1].a}. */
    private static String duplicatePath(JacksonException e) {
        if (!(e.processor() instanceof JsonParser parser)) {
            return null;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (TokenStreamContext context = parser.streamReadContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            if (context.inObject()) {
                if (context.currentName() == null) {
                    return null;
                }
                segments.addFirst("." + context.currentName());
            } else if (context.inArray()) {
                segments.addFirst("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            }
        }
        if (segments.isEmpty() || !segments.getFirst().startsWith(".")) {
            return null;
        }
        return String.join("", segments).substring(1);
    }

    private static void checkString(String field, JsonNode value, Map<String, String> malformedFields) {
        if (value == null) {
            return;
        }
        if (!value.isString()) {
            malformedFields.put(field, "must be a string");
        } else if (hasUnpairedSurrogate(value.stringValue())) {
            malformedFields.put(field, UNPAIRED_SURROGATE);
        }
    }

    /** Keys and string values anywhere inside {@code variables}. */
    private static void checkSurrogates(JsonNode variables, Map<String, String> malformedFields) {
        boolean badKey = false;
        Map<String, String> badValues = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> variable : variables.properties()) {
            if (hasUnpairedSurrogate(variable.getKey())) {
                badKey = true; // not usable as a path either
            } else if (containsUnpairedSurrogate(variable.getValue())) {
                badValues.put("variables." + variable.getKey(), UNPAIRED_SURROGATE);
            }
        }
        if (badKey) {
            malformedFields.put("variables", "keys " + UNPAIRED_SURROGATE);
        }
        malformedFields.putAll(badValues);
    }

    private static boolean containsUnpairedSurrogate(JsonNode value) {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(value);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isString() && hasUnpairedSurrogate(node.stringValue())) {
                return true;
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    if (hasUnpairedSurrogate(property.getKey())) {
                        return true;
                    }
                    pending.push(property.getValue());
                }
            } else if (node.isArray()) {
                node.values().forEach(pending::push);
            }
        }
        return false;
    }

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    // ---- 422: the provider's rules ------------------------------------------------------------------

    private static void validatePublicKey(JsonNode publicKey, Map<String, String> failures) {
        if (publicKey == null) {
            failures.put("publicKey", "is required");
        } else if (!PUBLIC_KEY.matcher(publicKey.stringValue()).matches()) {
            failures.put("publicKey", "must match " + PUBLIC_KEY_REGEX);
        }
    }

    private static void validateCustomerId(JsonNode customerId, Map<String, String> failures) {
        if (customerId == null) {
            return;
        }
        String value = customerId.stringValue();
        int length = value.codePointCount(0, value.length());
        if (length > MAX_CUSTOMER_ID_LENGTH) {
            add(failures, "customerId", "must be at most " + MAX_CUSTOMER_ID_LENGTH + " characters, got " + length);
        }
        if (value.isBlank()) {
            add(failures, "customerId", "must not be blank");
        }
    }

    private static void validateLocale(JsonNode locale, Map<String, String> failures) {
        if (locale == null) {
            return;
        }
        String value = locale.stringValue();
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LOCALE_LENGTH) {
            add(failures, "locale", "must be at most " + MAX_LOCALE_LENGTH + " characters, got " + length);
        }
        if (!isWellFormedLanguageTag(value)) {
            add(failures, "locale", "must be a well-formed BCP-47 language tag");
        }
    }

    static boolean isWellFormedLanguageTag(String tag) {
        if (tag.isEmpty()) {
            return false; // not a tag, whatever a given JDK's Locale.Builder makes of ""
        }
        try {
            new Locale.Builder().setLanguageTag(tag);
            return true;
        } catch (IllformedLocaleException illFormed) {
            return false;
        }
    }

    private static void validateVariables(JsonNode variables, String variablesJson, Map<String, String> failures) {
        if (variables.size() > MAX_VARIABLES) {
            add(failures, "variables", "must have at most " + MAX_VARIABLES + " keys, got " + variables.size());
        }
        int bytes = variablesJson.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_VARIABLES_BYTES) {
            add(failures, "variables", "must be at most " + MAX_VARIABLES_BYTES + " bytes when JSON-encoded, got "
                    + bytes);
        }
        for (Map.Entry<String, JsonNode> variable : variables.properties()) {
            String path = "variables." + variable.getKey();
            if (!VARIABLE_KEY.matcher(variable.getKey()).matches()) {
                add(failures, path, "key must be snake_case matching " + VARIABLE_KEY_REGEX);
            }
            validateValue(variable.getValue(), path, failures);
        }
    }

    /** Scalar, null, or an array (level 1) of those and of arrays, at most {@value #MAX_ARRAY_DEPTH} levels deep. */
    private static void validateValue(JsonNode value, String path, Map<String, String> failures) {
        if (value.isObject()) {
            add(failures, path, "must be a string, number, boolean, null or array, not an object");
            return;
        }
        if (!value.isArray()) {
            if (!isScalarOrNull(value)) {
                add(failures, path, "must be a string, number, boolean, null or array");
            }
            return;
        }
        boolean tooDeep = false;
        boolean containsObject = false;
        boolean containsOther = false;
        Deque<Map.Entry<JsonNode, Integer>> pending = new ArrayDeque<>();
        pending.push(Map.entry(value, 1));
        while (!pending.isEmpty()) {
            Map.Entry<JsonNode, Integer> next = pending.pop();
            int level = next.getValue();
            if (level > MAX_ARRAY_DEPTH) {
                tooDeep = true;
            }
            for (JsonNode element : next.getKey().values()) {
                if (element.isArray()) {
                    pending.push(Map.entry(element, level + 1));
                } else if (element.isObject()) {
                    containsObject = true; // rejected, so its contents need no look
                } else if (!isScalarOrNull(element)) {
                    containsOther = true;
                }
            }
        }
        if (tooDeep) {
            add(failures, path, "arrays may be nested at most " + MAX_ARRAY_DEPTH + " levels deep");
        }
        if (containsObject) {
            add(failures, path, "arrays must not contain objects");
        }
        if (containsOther) {
            add(failures, path, "arrays may contain only strings, numbers, booleans, null and arrays");
        }
    }

    private static boolean isScalarOrNull(JsonNode node) {
        return node.isString() || node.isNumber() || node.isBoolean() || node.isNull();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** JSON null counts as absent. */
    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static void add(Map<String, String> failures, String path, String reason) {
        failures.merge(path, reason, ChatSessionRequestParser::join);
    }

    private static String join(String first, String second) {
        return first + "; " + second;
    }

    private static String summary(Map<String, String> problems) {
        StringBuilder message = new StringBuilder();
        problems.forEach((path, reason) -> {
            if (message.length() > 0) {
                message.append("; ");
            }
            message.append(path).append(' ').append(reason);
        });
        return message.toString();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static Invalid invalidInput(String message, Map<String, String> details) {
        return new Invalid(400, INVALID_INPUT, message, details);
    }
}
