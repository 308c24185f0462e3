package io.sessionflow.api.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.sessionflow.api.FieldFailures;
import io.sessionflow.api.LanguageTags;
import io.sessionflow.api.Parsed;
import io.sessionflow.api.StrictJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

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

    private final StrictJson json;

    public ChatSessionRequestParser(ObjectMapper mapper) {
        this.json = new StrictJson(mapper);
    }

    /**
     * The body is refused: status 400 + error {@code invalid_input}, or 422 + {@code validation_failed};
     * {@code details} maps a field path ({@code publicKey}, {@code variables}, {@code variables.<key>}, ...)
     * to a precise reason, in a stable order (fields in contract order, variables in received order); it
     * is null for an {@code invalid_input} that concerns no particular field.
     */
    public record Invalid(int status, String error, String message, Map<String, String> details)
            implements Parsed.Invalid<ChatSessionRequest> {
        public Invalid {
            details = details == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    /** Never throws: every input, including null, ends as {@link Parsed.Valid} or {@link Invalid}. */
    public Parsed<ChatSessionRequest> parse(byte[] body) {
        try {
            return parseBody(body);
        } catch (RuntimeException unexpected) {
            // Last resort, so that no input can turn into a 500.
            return invalidInput("Request body could not be read", null);
        }
    }

    private Parsed<ChatSessionRequest> parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            return invalidInput(NO_BODY, null);
        }
        StrictJson.Read read = json.read(body);
        if (read instanceof StrictJson.Malformed malformed) {
            return invalidInput(
                    malformed.message(),
                    malformed.duplicatePath() == null ? null : Map.of(malformed.duplicatePath(), "duplicate field"));
        }
        JsonNode root = ((StrictJson.Parsed) read).root();
        if (root == null || root.isMissingNode()) {
            return invalidInput(NO_BODY, null);
        }
        if (!root.isObject()) {
            return invalidInput("Request body must be a JSON object, not " + StrictJson.describe(root), null);
        }

        JsonNode publicKey = StrictJson.present(root.get("publicKey"));
        JsonNode customerId = StrictJson.present(root.get("customerId"));
        JsonNode locale = StrictJson.present(root.get("locale"));
        JsonNode variables = StrictJson.present(root.get("variables"));

        FieldFailures malformedFields = new FieldFailures();
        checkString("publicKey", publicKey, malformedFields);
        checkString("customerId", customerId, malformedFields);
        checkString("locale", locale, malformedFields);
        if (variables != null) {
            if (!variables.isObject()) {
                malformedFields.add("variables", "must be an object");
            } else {
                checkSurrogates(variables, malformedFields);
            }
        }
        if (!malformedFields.isEmpty()) {
            return invalidInput(malformedFields.summary(), malformedFields.byPath());
        }

        String variablesJson = null;
        if (variables != null) {
            try {
                variablesJson = json.write(variables);
            } catch (JacksonException unencodable) {
                return invalidInput(
                        "variables could not be encoded as JSON", Map.of("variables", "could not be encoded as JSON"));
            }
        }

        FieldFailures failures = new FieldFailures();
        validatePublicKey(publicKey, failures);
        validateCustomerId(customerId, failures);
        validateLocale(locale, failures);
        if (variables != null) {
            validateVariables(variables, variablesJson, failures);
        }
        if (!failures.isEmpty()) {
            return new Invalid(422, VALIDATION_FAILED, failures.validationMessage(), failures.byPath());
        }
        return new Parsed.Valid<>(new ChatSessionRequest(
                publicKey.stringValue(),
                customerId == null ? null : customerId.stringValue(),
                locale == null ? null : locale.stringValue(),
                variablesJson,
                variables == null ? 0 : variables.size()));
    }

    // ---- 400: shape ---------------------------------------------------------------------------------

    private static void checkString(String field, JsonNode value, FieldFailures malformedFields) {
        if (value == null) {
            return;
        }
        if (!value.isString()) {
            malformedFields.add(field, "must be a string");
        } else if (StrictJson.hasUnpairedSurrogate(value.stringValue())) {
            malformedFields.add(field, UNPAIRED_SURROGATE);
        }
    }

    /** Keys and string values anywhere inside {@code variables}. */
    private static void checkSurrogates(JsonNode variables, FieldFailures malformedFields) {
        boolean badKey = false;
        FieldFailures badValues = new FieldFailures();
        for (Map.Entry<String, JsonNode> variable : variables.properties()) {
            if (StrictJson.hasUnpairedSurrogate(variable.getKey())) {
                badKey = true; // not usable as a path either
            } else if (StrictJson.containsUnpairedSurrogate(variable.getValue())) {
                badValues.add("variables." + variable.getKey(), UNPAIRED_SURROGATE);
            }
        }
        if (badKey) {
            malformedFields.add("variables", "keys " + UNPAIRED_SURROGATE);
        }
        badValues.byPath().forEach(malformedFields::add);
    }

    // ---- 422: the provider's rules ------------------------------------------------------------------

    private static void validatePublicKey(JsonNode publicKey, FieldFailures failures) {
        if (publicKey == null) {
            failures.add("publicKey", "is required");
        } else if (!PUBLIC_KEY.matcher(publicKey.stringValue()).matches()) {
            failures.add("publicKey", "must match " + PUBLIC_KEY_REGEX);
        }
    }

    private static void validateCustomerId(JsonNode customerId, FieldFailures failures) {
        if (customerId == null) {
            return;
        }
        String value = customerId.stringValue();
        int length = value.codePointCount(0, value.length());
        if (length > MAX_CUSTOMER_ID_LENGTH) {
            failures.add("customerId", "must be at most " + MAX_CUSTOMER_ID_LENGTH + " characters, got " + length);
        }
        if (value.isBlank()) {
            failures.add("customerId", "must not be blank");
        }
    }

    private static void validateLocale(JsonNode locale, FieldFailures failures) {
        if (locale == null) {
            return;
        }
        String value = locale.stringValue();
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LOCALE_LENGTH) {
            failures.add("locale", "must be at most " + MAX_LOCALE_LENGTH + " characters, got " + length);
        }
        if (!LanguageTags.isWellFormed(value)) {
            failures.add("locale", "must be a well-formed BCP-47 language tag");
        }
    }

    private static void validateVariables(JsonNode variables, String variablesJson, FieldFailures failures) {
        if (variables.size() > MAX_VARIABLES) {
            failures.add("variables", "must have at most " + MAX_VARIABLES + " keys, got " + variables.size());
        }
        int bytes = variablesJson.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_VARIABLES_BYTES) {
            failures.add(
                    "variables", "must be at most " + MAX_VARIABLES_BYTES + " bytes when JSON-encoded, got " + bytes);
        }
        for (Map.Entry<String, JsonNode> variable : variables.properties()) {
            String path = "variables." + variable.getKey();
            if (!VARIABLE_KEY.matcher(variable.getKey()).matches()) {
                failures.add(path, "key must be snake_case matching " + VARIABLE_KEY_REGEX);
            }
            validateValue(variable.getValue(), path, failures);
        }
    }

    /** Scalar, null, or an array (level 1) of those and of arrays, at most {@value #MAX_ARRAY_DEPTH} levels deep. */
    private static void validateValue(JsonNode value, String path, FieldFailures failures) {
        if (value.isObject()) {
            failures.add(path, "must be a string, number, boolean, null or array, not an object");
            return;
        }
        if (!value.isArray()) {
            if (!isScalarOrNull(value)) {
                failures.add(path, "must be a string, number, boolean, null or array");
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
            failures.add(path, "arrays may be nested at most " + MAX_ARRAY_DEPTH + " levels deep");
        }
        if (containsObject) {
            failures.add(path, "arrays must not contain objects");
        }
        if (containsOther) {
            failures.add(path, "arrays may contain only strings, numbers, booleans, null and arrays");
        }
    }

    private static boolean isScalarOrNull(JsonNode node) {
        return node.isString() || node.isNumber() || node.isBoolean() || node.isNull();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static Invalid invalidInput(String message, Map<String, String> details) {
        return new Invalid(400, INVALID_INPUT, message, details);
    }
}
