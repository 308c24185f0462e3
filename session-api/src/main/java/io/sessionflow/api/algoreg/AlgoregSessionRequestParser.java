package io.sessionflow.api.algoreg;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.sessionflow.api.FieldFailures;
import io.sessionflow.api.LanguageTags;
import io.sessionflow.api.Parsed;
import io.sessionflow.api.StrictJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Parses and validates Algoreg's generate-session body
 * ({@code {"scenario_code", "language", "external_id"?, "input_data"?}}). Pure and thread-safe;
 * {@link #parse} never throws. Whether the scenario exists and enables the language is the
 * processor's decision against the catalog; everything that can be told from the body alone is
 * decided here.
 *
 * <ul>
 *   <li>400 {@code invalid_request}: no body, not strict JSON (trailing content, duplicate keys at any
 *   depth), or a top level that is not an object.</li>
 *   <li>422 {@code validation_failed}: every field-level rule, all offending fields at once, one detail per
 *   field path in contract order (unknown fields last, in received order); several broken rules of one
 *   field are joined with {@code "; "}.</li>
 * </ul>
 * JSON null counts as absent for every field. Unknown fields are refused, at the top level and in
 * {@code input_data}: a misspelt {@code external_id} would otherwise silently open an orphan session,
 * and customer data we do not know how to handle is not accepted.
 */
public final class AlgoregSessionRequestParser {

    static final int MAX_SCENARIO_CODE_LENGTH = 64;
    static final int MAX_LANGUAGE_LENGTH = 35;
    static final int MAX_EXTERNAL_ID_LENGTH = 255;
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_PHONE_LENGTH = 32;
    static final int MAX_ADDRESS_LENGTH = 255;
    static final int MAX_ZIP_LENGTH = 20;
    static final int MAX_COUNTRY_LENGTH = 100;
    static final int MAX_CITY_LENGTH = 100;

    static final List<String> FIELDS = List.of("scenario_code", "language", "external_id", "input_data");
    static final List<String> INPUT_DATA_FIELDS =
            List.of("firstname", "lastname", "phone", "birthdate", "address", "zip", "country", "city");

    private static final Pattern SCENARIO_CODE =
            Pattern.compile("^[A-Za-z0-9_.-]{1," + MAX_SCENARIO_CODE_LENGTH + "}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().-]*[0-9][0-9 ().-]*$");
    private static final Pattern DATE_SHAPE = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    /** The date is already tomorrow somewhere: a birthdate up to that date is not in the future. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private static final String NO_BODY = "Request body is required and must be a JSON object";
    private static final String REQUIRED = "is required";
    private static final String NOT_A_STRING = "must be a string";
    private static final String NOT_BLANK = "must not be blank (omit the field or send null instead)";

    private final StrictJson json;
    private final Clock clock;

    /** @param clock decides what "in the future" means for a birthdate */
    public AlgoregSessionRequestParser(ObjectMapper mapper, Clock clock) {
        // numbers kept exactly (an external_id of 30 digits stays those digits); nulls kept
        this.json = new StrictJson(mapper);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The body is refused: 400 {@code invalid_request} or 422 {@code validation_failed}; {@code details}
     * maps a field path ({@code scenario_code}, {@code input_data.birthdate}, ...) to a precise reason.
     */
    public record Invalid(int status, String code, String message, Map<String, String> details)
            implements Parsed.Invalid<AlgoregSessionRequest> {
        public Invalid {
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    /** Never throws: every input, including null, ends as {@link Parsed.Valid} or {@link Invalid}. */
    public Parsed<AlgoregSessionRequest> parse(byte[] body) {
        try {
            return parseBody(body);
        } catch (RuntimeException unexpected) {
            // Last resort, so that no input can turn into a 500.
            return invalidRequest("Request body could not be read", Map.of());
        }
    }

    private Parsed<AlgoregSessionRequest> parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            return invalidRequest(NO_BODY, Map.of());
        }
        StrictJson.Read read = json.read(body);
        if (read instanceof StrictJson.Malformed malformed) {
            return invalidRequest(
                    malformed.message(),
                    malformed.duplicatePath() == null
                            ? Map.of()
                            : Map.of(malformed.duplicatePath(), "duplicate field"));
        }
        JsonNode root = ((StrictJson.Parsed) read).root();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return invalidRequest(NO_BODY, Map.of());
        }
        if (!root.isObject()) {
            return invalidRequest("Request body must be a JSON object", Map.of());
        }

        FieldFailures failures = new FieldFailures();
        String scenarioCode = scenarioCode(StrictJson.present(root.get("scenario_code")), failures);
        String language = language(StrictJson.present(root.get("language")), failures);
        String externalId = externalId(StrictJson.present(root.get("external_id")), failures);
        AlgoregSessionRequest.InputData inputData = inputData(StrictJson.present(root.get("input_data")), failures);
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                failures.add(name, "unknown field; the body accepts " + String.join(", ", FIELDS));
            }
        }
        if (!failures.isEmpty()) {
            return new Invalid(422, AlgoregError.VALIDATION_FAILED, failures.validationMessage(), failures.byPath());
        }
        return new Parsed.Valid<>(new AlgoregSessionRequest(scenarioCode, language, externalId, inputData));
    }

    // ---- fields --------------------------------------------------------------------------------------

    private static String scenarioCode(JsonNode node, FieldFailures failures) {
        String value = requiredString("scenario_code", node, failures);
        if (value != null && !SCENARIO_CODE.matcher(value).matches()) {
            failures.add(
                    "scenario_code",
                    "must be 1 to " + MAX_SCENARIO_CODE_LENGTH + " characters, each a letter, digit, '_', '.' or '-'");
            return null;
        }
        return value;
    }

    private static String language(JsonNode node, FieldFailures failures) {
        String value = requiredString("language", node, failures);
        if (value == null) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LANGUAGE_LENGTH) {
            failures.add("language", "must be at most " + MAX_LANGUAGE_LENGTH + " characters, got " + length);
        } else if (!LanguageTags.isWellFormed(value)) {
            failures.add("language", "must be a well-formed BCP-47 language tag, such as fr-FR");
        } else {
            return value;
        }
        return null;
    }

    /** A string, or an integer answered as its exact decimal text. */
    private static String externalId(JsonNode node, FieldFailures failures) {
        if (node == null) {
            return null;
        }
        String value;
        if (node.isString()) {
            value = node.stringValue();
        } else if (node.isIntegralNumber()) {
            value = node.bigIntegerValue().toString();
        } else {
            failures.add("external_id", "must be a string or an integer");
            return null;
        }
        return text("external_id", value, MAX_EXTERNAL_ID_LENGTH, false, failures) ? value : null;
    }

    private AlgoregSessionRequest.InputData inputData(JsonNode node, FieldFailures failures) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            failures.add("input_data", "must be an object");
            return null;
        }
        String firstname = optionalText(node, "firstname", MAX_NAME_LENGTH, false, failures);
        String lastname = optionalText(node, "lastname", MAX_NAME_LENGTH, false, failures);
        String phone = optionalText(node, "phone", MAX_PHONE_LENGTH, false, failures);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            failures.add(
                    "input_data.phone",
                    "must hold digits, with only spaces and ( ) . - between them and an optional leading +");
            phone = null;
        }
        String birthdate = birthdate(optionalText(node, "birthdate", Integer.MAX_VALUE, false, failures), failures);
        String address = optionalText(node, "address", MAX_ADDRESS_LENGTH, true, failures);
        String zip = optionalText(node, "zip", MAX_ZIP_LENGTH, false, failures);
        String country = optionalText(node, "country", MAX_COUNTRY_LENGTH, false, failures);
        String city = optionalText(node, "city", MAX_CITY_LENGTH, false, failures);
        for (String name : node.propertyNames()) {
            if (!INPUT_DATA_FIELDS.contains(name)) {
                failures.add(
                        "input_data." + name,
                        "unknown field; input_data accepts " + String.join(", ", INPUT_DATA_FIELDS));
            }
        }
        AlgoregSessionRequest.InputData data =
                new AlgoregSessionRequest.InputData(firstname, lastname, phone, birthdate, address, zip, country, city);
        return data.equals(new AlgoregSessionRequest.InputData(null, null, null, null, null, null, null, null))
                ? null
                : data;
    }

    private String birthdate(String value, FieldFailures failures) {
        if (value == null) {
            return null;
        }
        if (!DATE_SHAPE.matcher(value).matches()) {
            failures.add("input_data.birthdate", "must be a date in YYYY-MM-DD format");
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value, DATE);
        } catch (DateTimeParseException e) {
            failures.add(
                    "input_data.birthdate", "must be a real date in YYYY-MM-DD format; " + value + " does not exist");
            return null;
        }
        if (date.isAfter(LocalDate.now(clock.withZone(EARLIEST_ZONE)))) {
            failures.add("input_data.birthdate", "must not be in the future");
            return null;
        }
        return value;
    }

    // ---- text rules --------------------------------------------------------------------------------

    private static String requiredString(String field, JsonNode node, FieldFailures failures) {
        if (node == null) {
            failures.add(field, REQUIRED);
            return null;
        }
        if (!node.isString()) {
            failures.add(field, NOT_A_STRING);
            return null;
        }
        return node.stringValue();
    }

    private static String optionalText(
            JsonNode object, String name, int maxLength, boolean lineBreaksAllowed, FieldFailures failures) {
        JsonNode node = StrictJson.present(object.get(name));
        String path = "input_data." + name;
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            failures.add(path, NOT_A_STRING);
            return null;
        }
        String value = node.stringValue();
        return text(path, value, maxLength, lineBreaksAllowed, failures) ? value : null;
    }

    /** Not blank, at most {@code maxLength} code points, no control characters, no unpaired surrogates. */
    private static boolean text(
            String path, String value, int maxLength, boolean lineBreaksAllowed, FieldFailures failures) {
        int before = failures.count();
        if (StrictJson.hasUnpairedSurrogate(value)) {
            failures.add(path, "must not contain unpaired UTF-16 surrogates");
            return false;
        }
        if (value.isBlank()) {
            failures.add(path, NOT_BLANK);
            return false;
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            failures.add(path, "must be at most " + maxLength + " characters, got " + length);
        }
        if (value.codePoints()
                .anyMatch(c -> Character.getType(c) == Character.CONTROL
                        && !(lineBreaksAllowed && (c == '\n' || c == '\r')))) {
            failures.add(
                    path,
                    lineBreaksAllowed
                            ? "must not contain control characters other than line breaks"
                            : "must not contain control characters");
        }
        return failures.count() == before;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static Invalid invalidRequest(String message, Map<String, String> details) {
        return new Invalid(400, AlgoregError.INVALID_REQUEST, message, details);
    }
}
