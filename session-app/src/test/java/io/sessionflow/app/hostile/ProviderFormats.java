package io.sessionflow.app.hostile;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each provider's documented response format, as one checker per provider: an answer gets a list of
 * what is wrong with it (empty when it is right). Error bodies are checked field by field with the
 * status they may go with; success bodies by their documented field names. Every answer is also
 * checked for what must never be in one: a stack trace or a Java exception or class name.
 */
public final class ProviderFormats {

    /** What is wrong with an answer; nothing when it is as documented. */
    @FunctionalInterface
    public interface Format {
        void check(RawHttp.Response response, List<String> problems);
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern LEAKS = Pattern.compile(
            "(?m)^\\s*at [\\w$.]+\\(|\\b(?:java|javax|jakarta|sun|jdk|tools\\.jackson|com\\.fasterxml"
                    + "|org\\.springframework|org\\.apache|io\\.sessionflow)\\.[\\w$.]+|\\b[A-Z]\\w*(?:Exception|Error)\\b|\\.java:\\d+");

    private ProviderFormats() {}

    /** Chat widget: {@code {"error", "message", "details"}} with the documented codes. */
    public static final Format CHAT = (response, problems) -> errorObject(
            response,
            problems,
            Map.of(
                    400,
                    Set.of("invalid_input"),
                    401,
                    Set.of("invalid_session_token"),
                    403,
                    Set.of("widget_disabled", "origin_not_allowed"),
                    404,
                    Set.of("not_found"),
                    405,
                    Set.of("method_not_allowed"),
                    422,
                    Set.of("validation_failed"),
                    503,
                    Set.of("service_unavailable"),
                    408,
                    Set.of("invalid_input"),
                    429,
                    Set.of("rate_limited")),
            root -> {
                keys(root, problems, Set.of("error", "message", "details"), Set.of());
                text(root, "message", problems);
                JsonNode details = root.get("details");
                if (details != null && !details.isNull()) {
                    if (!details.isObject()) {
                        problems.add("details is neither null nor an object");
                    } else {
                        details.properties().forEach(e -> {
                            if (!e.getValue().isString()) {
                                problems.add("details." + e.getKey() + " is not a string");
                            }
                        });
                    }
                }
                return root.path("error").asString(null);
            });

    /** Algoreg (ours, docs/providers/algoreg.md): {@code {"error": {"code", "message", "details": [...]}}}. */
    public static final Format ALGOREG = (response, problems) -> errorObject(
            response,
            problems,
            Map.of(
                    400,
                    Set.of("invalid_request"),
                    401,
                    Set.of("unauthorized"),
                    404,
                    Set.of("session_not_found", "not_found"),
                    405,
                    Set.of("method_not_allowed"),
                    413,
                    Set.of("request_too_large"),
                    415,
                    Set.of("unsupported_media_type"),
                    422,
                    Set.of("validation_failed", "idempotency_key_reused"),
                    503,
                    Set.of("service_unavailable"),
                    408,
                    Set.of("invalid_request"),
                    429,
                    Set.of("rate_limited")),
            root -> {
                keys(root, problems, Set.of("error"), Set.of());
                JsonNode error = root.path("error");
                if (!error.isObject()) {
                    problems.add("error is not an object");
                    return null;
                }
                keys(error, problems, Set.of("code", "message", "details"), Set.of());
                text(error, "message", problems);
                if (!error.path("details").isArray()) {
                    problems.add("error.details is not an array");
                } else {
                    error.path("details").forEach(detail -> {
                        keys(detail, problems, Set.of("field", "message"), Set.of());
                        if (!detail.path("field").isString()) {
                            problems.add("field is not a string (the path of an unknown key \"\" is empty)");
                        }
                        text(detail, "message", problems);
                    });
                }
                if (response.status() == 401
                        && response.headerValues("WWW-Authenticate").size() != 2) {
                    problems.add("a 401 without both WWW-Authenticate challenges");
                }
                return error.path("code").asString(null);
            });

    /**
     * Zenskar: FastAPI's {@code {"detail": [{"type", "loc", "msg", "ctx"?}]}} for 422,
     * {@code {"detail": "..."}} otherwise, and the gateway's exact 403 body.
     */
    public static final Format ZENSKAR = (response, problems) -> {
        JsonNode root = jsonObject(response, problems);
        if (root == null) {
            return;
        }
        if (!Set.of(400, 401, 403, 404, 405, 413, 422, 503).contains(response.status())) {
            problems.add("status " + response.status() + " is not one Zenskar documents");
        }
        if (response.status() == 403) {
            if (!root.toString()
                    .equals("{\"Message\":\"User is not authorized to access this resource with an "
                            + "explicit deny\"}")) {
                problems.add("a 403 that is not Zenskar's exact explicit-deny body");
            }
            return;
        }
        keys(root, problems, Set.of("detail"), Set.of());
        JsonNode detail = root.path("detail");
        if (response.status() != 422) {
            text(root, "detail", problems);
            return;
        }
        if (!detail.isArray() || detail.isEmpty()) {
            problems.add("a 422 whose detail is not a non-empty array");
            return;
        }
        detail.forEach(error -> {
            keys(error, problems, Set.of("type", "loc", "msg"), Set.of("ctx"));
            text(error, "type", problems);
            text(error, "msg", problems);
            JsonNode loc = error.path("loc");
            if (!loc.isArray()
                    || loc.isEmpty()
                    || !Set.of("body", "header", "query", "path")
                            .contains(loc.get(0).asString(""))) {
                problems.add("loc " + loc + " does not start with body, header, query or path");
            } else {
                loc.forEach(part -> {
                    if (!part.isString() && !part.isIntegralNumber()) {
                        problems.add("loc " + loc + " holds something other than strings and integers");
                    }
                });
            }
            if (error.has("ctx") && !error.get("ctx").isObject()) {
                problems.add("ctx is not an object");
            }
        });
    };

    /** LivePerson: {@code {"time", "message", "internalCode"}} with the documented internal codes. */
    public static final Format LIVEPERSON = (response, problems) -> {
        JsonNode root = jsonObject(response, problems);
        if (root == null) {
            return;
        }
        keys(root, problems, Set.of("time", "message", "internalCode"), Set.of());
        if (!root.path("time").isIntegralNumber() || root.path("time").asLong() <= 0) {
            problems.add("time is not epoch millis");
        }
        text(root, "message", problems);
        Map<Integer, Set<Integer>> codes = Map.of(
                400,
                Set.of(33, 100, 101, 102, 103),
                404,
                Set.of(200, 201, 202),
                405,
                Set.of(105),
                422,
                Set.of(104),
                503,
                Set.of(300),
                408,
                Set.of(100),
                429,
                Set.of(106));
        int code = root.path("internalCode").isInt() ? root.path("internalCode").asInt() : -1;
        if (!codes.getOrDefault(response.status(), Set.of()).contains(code)) {
            problems.add("status " + response.status() + " with internalCode " + root.path("internalCode")
                    + " is not in LivePerson's documented table");
        }
    };

    /** The admin API: RFC 9457 problem details. */
    public static final Format PROBLEM_DETAILS = (response, problems) -> {
        if (!response.header("Content-Type").orElse("").startsWith("application/problem+json")) {
            problems.add("Content-Type " + response.header("Content-Type").orElse("(none)")
                    + " is not application/problem+json");
        }
        JsonNode root = jsonObject(response, problems);
        if (root == null) {
            return;
        }
        keys(root, problems, Set.of("status", "title"), Set.of("type", "detail", "instance"));
        if (root.path("status").asInt(-1) != response.status()) {
            problems.add("problem status " + root.path("status") + " is not the HTTP status");
        }
        text(root, "title", problems);
        if (root.has("detail")) {
            text(root, "detail", problems);
        }
        if (response.status() == 401 && response.header("WWW-Authenticate").isEmpty()) {
            problems.add("a 401 without WWW-Authenticate");
        }
    };

    /** Introspection: OAuth's {@code {"error", "error_description"}} (RFC 6749 section 5.2, RFC 7662). */
    public static final Format OAUTH = (response, problems) -> errorObject(
            response,
            problems,
            Map.of(
                    400,
                    Set.of("invalid_request"),
                    401,
                    Set.of("invalid_token"),
                    404,
                    Set.of("invalid_request"),
                    405,
                    Set.of("invalid_request"),
                    413,
                    Set.of("invalid_request"),
                    503,
                    Set.of("temporarily_unavailable"),
                    408,
                    Set.of("invalid_request"),
                    429,
                    Set.of("temporarily_unavailable")),
            root -> {
                keys(root, problems, Set.of("error", "error_description"), Set.of());
                text(root, "error_description", problems);
                if (response.status() == 401
                        && response.header("WWW-Authenticate").isEmpty()) {
                    problems.add("a 401 without WWW-Authenticate");
                }
                return root.path("error").asString(null);
            });

    /** A success body: a JSON object with exactly these fields (or, for {@code []}-typed answers, an array). */
    public static Format successObject(Set<String> required, Set<String> optional) {
        return (response, problems) -> {
            JsonNode root = jsonObject(response, problems);
            if (root != null) {
                keys(root, problems, required, optional);
            }
        };
    }

    /** A success body: a JSON object with exactly these fields, none of them optional. */
    public static Format successFields(String... required) {
        return successObject(Set.of(required), Set.of());
    }

    public static Format successArray() {
        return (response, problems) -> {
            JsonNode root = json(response, problems);
            if (root != null && !root.isArray()) {
                problems.add("the answer is not a JSON array");
            }
        };
    }

    public static Format emptyBody() {
        return (response, problems) -> {
            if (response.body().length != 0) {
                problems.add("the answer should have no body");
            }
        };
    }

    /** @param echoed what the request itself held: a class-like name in it may come back in a message */
    public static void noLeaks(RawHttp.Response response, String echoed, List<String> problems) {
        Matcher leak = LEAKS.matcher(response.text());
        while (leak.find()) {
            if (!echoed.contains(leak.group())) {
                problems.add("the answer shows implementation details: '" + leak.group() + "'");
                return;
            }
        }
    }

    private interface ErrorShape {
        /** @return the error code the body carries */
        String check(JsonNode root);
    }

    private static void errorObject(
            RawHttp.Response response,
            List<String> problems,
            Map<Integer, Set<String>> codesByStatus,
            ErrorShape shape) {
        JsonNode root = jsonObject(response, problems);
        if (root == null) {
            return;
        }
        String code = shape.check(root);
        if (code == null
                || !codesByStatus.getOrDefault(response.status(), Set.of()).contains(code)) {
            problems.add("status " + response.status() + " with code " + code + " is not documented");
        }
    }

    private static JsonNode jsonObject(RawHttp.Response response, List<String> problems) {
        JsonNode root = json(response, problems);
        if (root != null && !root.isObject()) {
            problems.add("the body is not a JSON object");
            return null;
        }
        return root;
    }

    private static JsonNode json(RawHttp.Response response, List<String> problems) {
        String type = response.header("Content-Type").orElse("");
        if (!type.startsWith("application/json") && !type.matches("application/[\\w.+-]*\\+json.*")) {
            problems.add("Content-Type '" + type + "' is not JSON");
        }
        try {
            JsonNode root = JSON.readTree(response.body());
            if (root == null || root.isMissingNode()) {
                problems.add("the body is empty");
                return null;
            }
            return root;
        } catch (JacksonException e) {
            problems.add("the body is not JSON");
            return null;
        }
    }

    private static void keys(JsonNode node, List<String> problems, Set<String> required, Set<String> optional) {
        if (!node.isObject()) {
            problems.add(node + " is not an object");
            return;
        }
        for (String key : required) {
            if (!node.has(key)) {
                problems.add("field " + key + " is missing");
            }
        }
        node.propertyNames().forEach(key -> {
            if (!required.contains(key) && !optional.contains(key)) {
                problems.add("field " + key + " is not documented");
            }
        });
    }

    private static void text(JsonNode node, String field, List<String> problems) {
        if (!node.path(field).isString() || node.path(field).asString().isBlank()) {
            problems.add(field + " is not a non-blank string");
        }
    }
}
