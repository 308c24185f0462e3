package io.sessionflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One of the OpenAPI documents in {@code classpath:/static/openapi/}, read as a tree: its operations,
 * local {@code $ref}s, and a check of a JSON value against one of its schemas. The check covers the
 * JSON Schema keywords the documents use (type, enum, const, required, properties,
 * additionalProperties, propertyNames, items, anyOf, oneOf, pattern, lengths, sizes, bounds) and asserts
 * {@code format} too ({@link SchemaFormats}), where JSON Schema 2020-12 has it as an annotation only.
 */
final class OpenApiDocument {

    static final List<String> HTTP_METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One operation: its path below the document's server URL, and its method in lower case. */
    record Operation(String path, String method, JsonNode node) {}

    private final String name;
    private final String text;
    private final JsonNode root;

    private OpenApiDocument(String name, String text) {
        this.name = name;
        this.text = text;
        this.root = YAML.readTree(text);
    }

    /** @param name {@code chat} for {@code static/openapi/chat.yaml} */
    static OpenApiDocument load(String name) {
        String resource = "static/openapi/" + name + ".yaml";
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No " + resource + " on the class path");
            }
            return new OpenApiDocument(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    String text() {
        return text;
    }

    JsonNode root() {
        return root;
    }

    /** The first server's URL without a trailing slash ("" for "/"). */
    String basePath() {
        String url = root.path("servers").path(0).path("url").asString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            JsonNode item = resolve(path.getValue());
            for (String method : HTTP_METHODS) {
                if (item.has(method)) {
                    operations.add(new Operation(path.getKey(), method, item.get(method)));
                }
            }
        }
        return operations;
    }

    Operation operation(String path, String method) {
        JsonNode node = resolve(root.path("paths").path(path)).path(method);
        if (node.isMissingNode()) {
            throw new AssertionError(name + " documents no " + method.toUpperCase() + " " + path);
        }
        return new Operation(path, method, node);
    }

    /** The response object of an operation for a status, with its {@code $ref} followed. */
    JsonNode response(Operation operation, int status) {
        JsonNode response = operation.node().path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            throw new AssertionError(name + " documents no " + status + " for "
                    + operation.method().toUpperCase() + " " + operation.path());
        }
        return resolve(response);
    }

    /** Follows local {@code $ref}s until a node that is not a reference. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new AssertionError(name + ": a $ref cycle at " + node);
            }
            current = pointer(current.get("$ref").asString());
        }
        return current;
    }

    /** Every {@code $ref} in the document that names no node of it. */
    List<String> unresolvedReferences() {
        List<String> unresolved = new ArrayList<>();
        collectReferences(root, unresolved);
        return unresolved;
    }

    private void collectReferences(JsonNode node, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()) {
                String target = ref.asString();
                if (!target.startsWith("#/") || root.at(target.substring(1)).isMissingNode()) {
                    unresolved.add(target);
                }
            }
            node.values().forEach(child -> collectReferences(child, unresolved));
        } else if (node.isArray()) {
            node.values().forEach(child -> collectReferences(child, unresolved));
        }
    }

    private JsonNode pointer(String ref) {
        if (!ref.startsWith("#/")) {
            throw new AssertionError(name + ": only local references are used, got " + ref);
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new AssertionError(name + ": " + ref + " names nothing");
        }
        return target;
    }

    /** The value of a documented example as JSON (numbers as a JSON parser reads them). */
    static JsonNode asJson(JsonNode yamlValue) {
        return JSON.readTree(JSON.writeValueAsString(yamlValue));
    }

    // ---- schema check ------------------------------------------------------------------------------

    /** @return every way {@code value} breaks {@code schema}, as {@code <JSON path>: <problem>} */
    List<String> problems(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "$", problems);
        return problems;
    }

    private void check(JsonNode schemaOrRef, JsonNode value, String at, List<String> problems) {
        JsonNode schema = resolve(schemaOrRef);
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                problems.add(at + ": no value is allowed here");
            }
            return;
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.has(combinator)) {
                List<List<String>> branches = new ArrayList<>();
                for (JsonNode branch : schema.get(combinator)) {
                    List<String> branchProblems = new ArrayList<>();
                    check(branch, value, at, branchProblems);
                    if (branchProblems.isEmpty()) {
                        branches.clear();
                        break;
                    }
                    branches.add(branchProblems);
                }
                if (!branches.isEmpty()) {
                    problems.add(at + ": matches none of " + combinator + " " + branches);
                }
            }
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            problems.add(at + ": " + value + " is not of type " + schema.get("type"));
            return;
        }
        if (schema.has("const") && !asJson(schema.get("const")).equals(value)) {
            problems.add(at + ": " + value + " is not " + schema.get("const"));
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= asJson(allowed).equals(value);
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isString()) {
            checkString(schema, value.asString(), at, problems);
        } else if (value.isNumber()) {
            checkNumber(schema, value.decimalValue(), at, problems);
        } else if (value.isObject()) {
            checkObject(schema, value, at, problems);
        } else if (value.isArray()) {
            checkArray(schema, value, at, problems);
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asString()) {
            case "null" -> value.isNull();
            case "boolean" -> value.isBoolean();
            case "string" -> value.isString();
            case "integer" ->
                value.isIntegralNumber()
                        || (value.isNumber()
                                && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> throw new AssertionError("Unknown type " + type);
        };
    }

    private static void checkString(JsonNode schema, String value, String at, List<String> problems) {
        int length = value.codePointCount(0, value.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            problems.add(at + ": shorter than " + schema.get("minLength"));
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            problems.add(at + ": longer than " + schema.get("maxLength"));
        }
        if (schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asString())
                        .matcher(value)
                        .find()) {
            problems.add(at + ": '" + value + "' does not match " + schema.get("pattern"));
        }
        if (schema.has("format") && !SchemaFormats.holds(schema.get("format").asString(), value)) {
            problems.add(at + ": '" + value + "' is not a " + schema.get("format"));
        }
    }

    private static void checkNumber(JsonNode schema, BigDecimal value, String at, List<String> problems) {
        if (schema.has("minimum") && value.compareTo(schema.get("minimum").decimalValue()) < 0) {
            problems.add(at + ": below " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.compareTo(schema.get("maximum").decimalValue()) > 0) {
            problems.add(at + ": above " + schema.get("maximum"));
        }
        if (schema.has("exclusiveMinimum")
                && value.compareTo(schema.get("exclusiveMinimum").decimalValue()) <= 0) {
            problems.add(at + ": not above " + schema.get("exclusiveMinimum"));
        }
        if (schema.has("format") && !SchemaFormats.holds(schema.get("format").asString(), value)) {
            problems.add(at + ": " + value + " is not an " + schema.get("format"));
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String at, List<String> problems) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asString())) {
                problems.add(at + ": lacks required " + required.asString());
            }
        }
        if (schema.has("maxProperties")
                && value.size() > schema.get("maxProperties").asInt()) {
            problems.add(at + ": more than " + schema.get("maxProperties") + " properties");
        }
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> property : value.properties()) {
            String path = at + "." + property.getKey();
            if (schema.has("propertyNames")) {
                check(schema.get("propertyNames"), JSON.getNodeFactory().stringNode(property.getKey()), path, problems);
            }
            if (properties.has(property.getKey())) {
                check(properties.get(property.getKey()), property.getValue(), path, problems);
            } else if (schema.has("additionalProperties")) {
                check(schema.get("additionalProperties"), property.getValue(), path, problems);
            }
        }
    }

    private void checkArray(JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            problems.add(at + ": fewer than " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            problems.add(at + ": more than " + schema.get("maxItems") + " items");
        }
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", problems);
            }
        }
    }

    // ---- examples ----------------------------------------------------------------------------------

    /** A documented example: where it is, its value (YAML for a YAML media type is parsed), and its schema. */
    record Example(String where, JsonNode value, JsonNode schema) {}

    /** Every example of every request body and response of every operation. */
    List<Example> examples() {
        List<Example> examples = new ArrayList<>();
        for (Operation operation : operations()) {
            Map<String, JsonNode> bodies = new LinkedHashMap<>();
            if (operation.node().has("requestBody")) {
                bodies.put("request", resolve(operation.node().get("requestBody")));
            }
            for (Map.Entry<String, JsonNode> response :
                    operation.node().path("responses").properties()) {
                bodies.put(response.getKey(), resolve(response.getValue()));
            }
            bodies.forEach((body, node) -> {
                for (Map.Entry<String, JsonNode> media : node.path("content").properties()) {
                    for (Map.Entry<String, JsonNode> example :
                            media.getValue().path("examples").properties()) {
                        JsonNode value = resolve(example.getValue()).get("value");
                        if (media.getKey().contains("yaml") && value.isString()) {
                            value = YAML.readTree(value.asString());
                        }
                        examples.add(new Example(
                                operation.method().toUpperCase() + " " + operation.path() + " " + body + " "
                                        + media.getKey() + " " + example.getKey(),
                                asJson(value),
                                media.getValue().get("schema")));
                    }
                }
            });
        }
        return examples;
    }
}
