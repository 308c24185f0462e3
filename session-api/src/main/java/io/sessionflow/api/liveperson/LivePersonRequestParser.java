package io.sessionflow.api.liveperson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.sessionflow.api.FieldFailures;
import io.sessionflow.api.Parsed;
import io.sessionflow.api.StrictJson;
import io.sessionflow.api.liveperson.LivePersonBodies.AppDetails;
import io.sessionflow.api.liveperson.LivePersonBodies.CreateBody;
import io.sessionflow.api.liveperson.LivePersonBodies.EngagementAttributes;
import io.sessionflow.api.liveperson.LivePersonBodies.Impression;
import io.sessionflow.api.liveperson.LivePersonBodies.UpdateBody;
import io.sessionflow.schemas.liveperson.LivePersonErrorCodes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Parses and validates the bodies of LivePerson's app-engagement calls by the provider's rules:
 * POST (create session: {@code appType}, {@code appDetails}, {@code consumerSections},
 * {@code engagementAttributes}) and PUT (update session: {@code pageId}, {@code impAttributes},
 * {@code engagementAttributes}). Pure and thread-safe; never throws.
 *
 * <p>A body that is not a strict JSON object, or holds a string with an unpaired UTF-16 surrogate, is
 * {@link LivePersonErrorCodes#MALFORMED_BODY}; every
 * broken field rule is {@link LivePersonErrorCodes#INVALID_FIELD}, all of them named at once in the
 * message ({@code "<path> <reason>; ..."}). JSON null counts as absent; unknown fields are ignored.
 */
public final class LivePersonRequestParser {

    public static final List<String> APP_TYPES = List.of("MSDK", "EXTERNAL");
    public static final List<String> DEVICE_FAMILIES = List.of("DESKTOP", "TABLET", "MOBILE");
    public static final List<String> OPERATING_SYSTEMS = List.of("WINDOWS", "MAC_OSX", "LINUX", "IOS", "ANDROID");
    /** LivePerson's engagement attribute (SDE) types, impression events aside. */
    public static final List<String> SDE_TYPES = List.of(
            "ctmrinfo",
            "personal",
            "mrktInfo",
            "cart",
            "purchase",
            "prodView",
            "lead",
            "service",
            "error",
            "searchInfo");
    /** LivePerson's impression event types: PUT only. */
    public static final List<String> IMPRESSION_TYPES =
            List.of("impDisplay", "impAccept", "impExpanded", "impTimeout", "impClose");

    static final int MAX_VERSION_LENGTH = 64;
    static final int MAX_SECTIONS = 50;
    static final int MAX_SECTION_LENGTH = 100;
    static final int MAX_ATTRIBUTES = 100;

    private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,18}$");
    private static final String NO_BODY = "Request body is required and must be a JSON object";
    private static final String UNPAIRED_SURROGATE = "must not contain unpaired UTF-16 surrogates";

    /** @param internalCode {@link LivePersonErrorCodes#MALFORMED_BODY} or {@link LivePersonErrorCodes#INVALID_FIELD} */
    public record Invalid<T>(int internalCode, String message) implements Parsed.Invalid<T> {}

    private final StrictJson json;

    public LivePersonRequestParser(ObjectMapper mapper) {
        this.json = new StrictJson(mapper);
    }

    public Parsed<CreateBody> parseCreate(byte[] body) {
        try {
            return create(body);
        } catch (RuntimeException unexpected) {
            return new Invalid<>(LivePersonErrorCodes.MALFORMED_BODY, "Request body could not be read");
        }
    }

    public Parsed<UpdateBody> parseUpdate(byte[] body) {
        try {
            return update(body);
        } catch (RuntimeException unexpected) {
            return new Invalid<>(LivePersonErrorCodes.MALFORMED_BODY, "Request body could not be read");
        }
    }

    private Parsed<CreateBody> create(byte[] body) {
        Object read = readObject(body);
        if (read instanceof String problem) {
            return new Invalid<>(LivePersonErrorCodes.MALFORMED_BODY, problem);
        }
        JsonNode root = (JsonNode) read;
        FieldFailures failures = new FieldFailures();
        String appType = appType(StrictJson.present(root.get("appType")), failures);
        AppDetails appDetails = appDetails(StrictJson.present(root.get("appDetails")), failures);
        List<String> sections = consumerSections(StrictJson.present(root.get("consumerSections")), failures);
        EngagementAttributes attributes =
                engagementAttributes(StrictJson.present(root.get("engagementAttributes")), null, failures);
        if (StrictJson.present(root.get("impAttributes")) != null) {
            failures.add("impAttributes", "are not accepted when creating a session: send impression events with PUT");
        }
        if (!failures.isEmpty()) {
            return new Invalid<>(LivePersonErrorCodes.INVALID_FIELD, failures.summary());
        }
        return new Parsed.Valid<>(new CreateBody(appType, appDetails, sections, attributes, json.write(root)));
    }

    private Parsed<UpdateBody> update(byte[] body) {
        Object read = readObject(body);
        if (read instanceof String problem) {
            return new Invalid<>(LivePersonErrorCodes.MALFORMED_BODY, problem);
        }
        JsonNode root = (JsonNode) read;
        FieldFailures failures = new FieldFailures();
        String pageId = pageId(StrictJson.present(root.get("pageId")), failures);
        List<Impression> impressions = new ArrayList<>();
        impAttributes(StrictJson.present(root.get("impAttributes")), impressions, failures);
        EngagementAttributes attributes =
                engagementAttributes(StrictJson.present(root.get("engagementAttributes")), impressions, failures);
        if (!failures.isEmpty()) {
            return new Invalid<>(LivePersonErrorCodes.INVALID_FIELD, failures.summary());
        }
        return new Parsed.Valid<>(new UpdateBody(pageId, List.copyOf(impressions), attributes, json.write(root)));
    }

    /** @return the root object, or why the body is not one, or holds a string that cannot be passed on as received */
    private Object readObject(byte[] body) {
        if (body == null || body.length == 0) {
            return NO_BODY;
        }
        StrictJson.Read read = json.read(body);
        if (read instanceof StrictJson.Malformed malformed) {
            return malformed.message();
        }
        JsonNode root = ((StrictJson.Parsed) read).root();
        if (root == null || root.isMissingNode()) {
            return NO_BODY;
        }
        if (!root.isObject()) {
            return "Request body must be a JSON object, not " + StrictJson.describe(root);
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (StrictJson.hasUnpairedSurrogate(field.getKey())) {
                return "Request body keys " + UNPAIRED_SURROGATE;
            }
            if (StrictJson.containsUnpairedSurrogate(field.getValue())) {
                return field.getKey() + " " + UNPAIRED_SURROGATE;
            }
        }
        return root;
    }

    // ---- POST ---------------------------------------------------------------------------------------

    private static String appType(JsonNode node, FieldFailures failures) {
        if (node == null) {
            failures.add("appType", "is required");
            return null;
        }
        return oneOf("appType", node, APP_TYPES, failures);
    }

    private static AppDetails appDetails(JsonNode node, FieldFailures failures) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            failures.add("appDetails", "must be an object");
            return null;
        }
        String appVersion = version("appDetails.appVersion", StrictJson.present(node.get("appVersion")), failures);
        String osVersion = version("appDetails.osVersion", StrictJson.present(node.get("osVersion")), failures);
        JsonNode deviceFamily = StrictJson.present(node.get("deviceFamily"));
        JsonNode os = StrictJson.present(node.get("os"));
        JsonNode ipAddress = StrictJson.present(node.get("ipAddress"));
        String ip = null;
        if (ipAddress != null) {
            if (!ipAddress.isString()) {
                failures.add("appDetails.ipAddress", "must be a string");
            } else if (!IpAddressLiterals.isIpAddress(ipAddress.stringValue())) {
                failures.add("appDetails.ipAddress", "must be an IPv4 or IPv6 address");
            } else {
                ip = ipAddress.stringValue();
            }
        }
        return new AppDetails(
                appVersion,
                osVersion,
                deviceFamily == null ? null : oneOf("appDetails.deviceFamily", deviceFamily, DEVICE_FAMILIES, failures),
                os == null ? null : oneOf("appDetails.os", os, OPERATING_SYSTEMS, failures),
                ip);
    }

    private static String version(String path, JsonNode node, FieldFailures failures) {
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            failures.add(path, "must be a string");
            return null;
        }
        String value = node.stringValue();
        if (value.codePointCount(0, value.length()) > MAX_VERSION_LENGTH) {
            failures.add(path, "must be at most " + MAX_VERSION_LENGTH + " characters");
        }
        return value;
    }

    /** A JSON array of strings, or one string of comma-delimited sections; each is trimmed. */
    private static List<String> consumerSections(JsonNode node, FieldFailures failures) {
        if (node == null) {
            return List.of();
        }
        List<String> sections = new ArrayList<>();
        int count;
        if (node.isString()) {
            String text = node.stringValue();
            String[] parts = text.isBlank() ? new String[0] : text.split(",", -1);
            count = parts.length;
            for (int i = 0; i < parts.length; i++) {
                section(i, parts[i], sections, failures);
            }
        } else if (node.isArray()) {
            count = node.size();
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isString()) {
                    section(i, node.get(i).stringValue(), sections, failures);
                } else {
                    failures.add("consumerSections[" + i + "]", "must be a string");
                }
            }
        } else {
            failures.add("consumerSections", "must be an array of strings or a comma-delimited string");
            return List.of();
        }
        if (count > MAX_SECTIONS) {
            failures.add("consumerSections", "must have at most " + MAX_SECTIONS + " sections, got " + count);
        }
        return List.copyOf(sections);
    }

    private static void section(int index, String raw, List<String> sections, FieldFailures failures) {
        String section = raw.trim();
        String path = "consumerSections[" + index + "]";
        if (section.isEmpty()) {
            failures.add(path, "must not be blank");
        } else if (section.codePointCount(0, section.length()) > MAX_SECTION_LENGTH) {
            failures.add(path, "must be at most " + MAX_SECTION_LENGTH + " characters");
        }
        sections.add(section);
    }

    // ---- PUT ----------------------------------------------------------------------------------------

    private static String pageId(JsonNode node, FieldFailures failures) {
        if (node == null) {
            failures.add("pageId", "is required");
            return null;
        }
        if (!node.isString()) {
            failures.add("pageId", "must be a string");
            return null;
        }
        if (!LivePersonParameters.ID.matcher(node.stringValue()).matches()) {
            failures.add("pageId", "must match " + LivePersonParameters.ID_REGEX);
        }
        return node.stringValue();
    }

    private static void impAttributes(JsonNode node, List<Impression> impressions, FieldFailures failures) {
        if (node == null) {
            return;
        }
        if (!node.isArray()) {
            failures.add("impAttributes", "must be an array");
            return;
        }
        if (node.size() > MAX_ATTRIBUTES) {
            failures.add("impAttributes", "must have at most " + MAX_ATTRIBUTES + " events, got " + node.size());
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "impAttributes[" + i + "]";
            JsonNode element = node.get(i);
            if (!element.isObject()) {
                failures.add(path, "must be an object");
                continue;
            }
            String type = type(path, element, failures);
            if (type != null && !IMPRESSION_TYPES.contains(type)) {
                failures.add(path + ".type", "must be one of " + String.join(", ", IMPRESSION_TYPES));
            } else if (type != null) {
                impression(path, type, element, impressions, failures);
            }
        }
    }

    // ---- both ---------------------------------------------------------------------------------------

    /**
     * @param impressions where impression events go (PUT), or null when they are refused (POST)
     */
    private EngagementAttributes engagementAttributes(
            JsonNode node, List<Impression> impressions, FieldFailures failures) {
        if (node == null) {
            return EngagementAttributes.NONE;
        }
        if (!node.isArray()) {
            failures.add("engagementAttributes", "must be an array");
            return EngagementAttributes.NONE;
        }
        if (node.size() > MAX_ATTRIBUTES) {
            failures.add(
                    "engagementAttributes", "must have at most " + MAX_ATTRIBUTES + " entries, got " + node.size());
        }
        List<String> types = new ArrayList<>();
        ArrayNode sdes = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < node.size(); i++) {
            String path = "engagementAttributes[" + i + "]";
            JsonNode element = node.get(i);
            if (!element.isObject()) {
                failures.add(path, "must be an object");
                continue;
            }
            String type = type(path, element, failures);
            if (type == null) {
                continue;
            }
            if (IMPRESSION_TYPES.contains(type)) {
                if (impressions == null) {
                    failures.add(
                            path + ".type",
                            type + " is an impression event: impression events are not "
                                    + "accepted when creating a session, send them with PUT");
                } else {
                    impression(path, type, element, impressions, failures);
                }
            } else if (SDE_TYPES.contains(type)) {
                types.add(type);
                sdes.add(element);
            } else {
                failures.add(
                        path + ".type",
                        "must be one of " + String.join(", ", SDE_TYPES)
                                + (impressions == null ? "" : ", " + String.join(", ", IMPRESSION_TYPES)));
            }
        }
        return types.isEmpty()
                ? EngagementAttributes.NONE
                : new EngagementAttributes(List.copyOf(types), json.write(sdes));
    }

    private static String type(String path, JsonNode element, FieldFailures failures) {
        JsonNode type = StrictJson.present(element.get("type"));
        if (type == null) {
            failures.add(path + ".type", "is required");
            return null;
        }
        if (!type.isString()) {
            failures.add(path + ".type", "must be a string");
            return null;
        }
        return type.stringValue();
    }

    /** campaign, engId and revision (required non-negative integers) and the engagementContext id of eContext. */
    private static void impression(
            String path, String type, JsonNode element, List<Impression> impressions, FieldFailures failures) {
        Long campaign = identifier(path + ".campaign", StrictJson.present(element.get("campaign")), failures);
        Long engagement = identifier(path + ".engId", StrictJson.present(element.get("engId")), failures);
        Long revision = identifier(path + ".revision", StrictJson.present(element.get("revision")), failures);
        String contextId =
                engagementContextId(path + ".eContext", StrictJson.present(element.get("eContext")), failures);
        if (campaign != null && engagement != null && revision != null) {
            impressions.add(new Impression(type, campaign, engagement, revision, contextId));
        }
    }

    /** A non-negative integer, as a JSON integer or (as LivePerson's own examples render ids) a string of digits. */
    private static Long identifier(String path, JsonNode node, FieldFailures failures) {
        if (node == null) {
            failures.add(path, "is required");
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
            return node.longValue();
        }
        if (node.isString() && DIGITS.matcher(node.stringValue()).matches()) {
            return Long.parseLong(node.stringValue());
        }
        failures.add(path, "must be a non-negative integer");
        return null;
    }

    private static String engagementContextId(String path, JsonNode node, FieldFailures failures) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            failures.add(path, "must be an array");
            return null;
        }
        String contextId = null;
        for (int i = 0; i < node.size(); i++) {
            JsonNode context = node.get(i);
            String at = path + "[" + i + "]";
            if (!context.isObject()) {
                failures.add(at, "must be an object");
                continue;
            }
            JsonNode id = StrictJson.present(context.get("id"));
            if (id != null && !id.isString() && !id.isIntegralNumber()) {
                failures.add(at + ".id", "must be a string or an integer");
            } else if (contextId == null
                    && id != null
                    && context.path("type").isString()
                    && "engagementContext".equals(context.path("type").stringValue())) {
                contextId = id.asString();
            }
        }
        return contextId;
    }

    private static String oneOf(String path, JsonNode node, List<String> allowed, FieldFailures failures) {
        if (!node.isString()) {
            failures.add(path, "must be a string");
            return null;
        }
        if (!allowed.contains(node.stringValue())) {
            failures.add(path, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return node.stringValue();
    }

    /** Every broken rule by field path, in the order found; several of one path joined with "; ". */
}
