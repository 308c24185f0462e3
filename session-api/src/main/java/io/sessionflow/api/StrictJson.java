package io.sessionflow.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
 * Strict JSON for request bodies, whatever the application's mapper allows: no duplicate keys at
 * any depth, no trailing content, none of Jackson's lenient extensions; numbers kept exactly as sent
 * (BigDecimal) and nulls kept. Writes compact JSON in received order with UTF-8 left unescaped.
 * Every provider's parser reads its body through this, so that all refuse the same inputs with the
 * same reasons. Thread-safe.
 */
public final class StrictJson {

    /** The outcome of {@link #read}. */
    public sealed interface Read permits Parsed, Malformed {}

    /** @param root the document; null or a missing node when the body held only whitespace */
    public record Parsed(JsonNode root) implements Read {}

    /**
     * @param message       why the body was refused, for the client
     * @param duplicatePath the repeated field's path ({@code a.b[1].c}) when that was the reason, else null
     */
    public record Malformed(String message, String duplicatePath) implements Read {}

    private final ObjectReader reader;
    private final ObjectWriter writer;

    public StrictJson(ObjectMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        ObjectReader strict = mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(JsonNodeFeature.READ_NULL_PROPERTIES);
        for (JsonReadFeature lenient : JsonReadFeature.values()) {
            strict = strict.without(lenient);
        }
        this.reader = strict;
        this.writer = mapper.writer()
                .without(SerializationFeature.INDENT_OUTPUT)
                .without(JsonWriteFeature.ESCAPE_NON_ASCII)
                .without(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                .without(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
                .without(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                .with(JsonNodeFeature.WRITE_NULL_PROPERTIES);
    }

    /** Never throws for any content of {@code body}. */
    public Read read(byte[] body) {
        try {
            return new Parsed(reader.readTree(body));
        } catch (StreamConstraintsException tooLarge) {
            return new Malformed(
                    "Request body exceeds the JSON parser's limits (nesting depth or the length of a "
                            + "string, number or name)",
                    null);
        } catch (JacksonException malformed) {
            return malformed(malformed);
        }
    }

    /**
     * The strict reader itself, for a parser that reports malformed JSON in its provider's own terms
     * (Zenskar answers FastAPI's {@code json_invalid} with a character position).
     */
    public ObjectReader reader() {
        return reader;
    }

    /** Compact JSON of {@code node}, properties in received order. */
    public String write(JsonNode node) {
        return writer.writeValueAsString(node);
    }

    private static Malformed malformed(JacksonException e) {
        String message = e.getOriginalMessage();
        // STRICT_DUPLICATE_DETECTION has no exception type of its own; the parsers' tests pin this wording
        if (message != null && message.startsWith("Duplicate Object property")) {
            String path = duplicatePath(e);
            return path == null
                    ? new Malformed("Request body contains a duplicate field", null)
                    : new Malformed("Request body contains a duplicate field: " + path, path);
        }
        TokenStreamLocation location = e.getLocation();
        String where = location != null && location.getLineNr() > 0 && location.getColumnNr() > 0
                ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"
                : "";
        return new Malformed("Request body is not valid JSON" + where, null);
    }

    /** The path of the repeated property, from the parser's state when it refused it, e.g. {@code variables.tags[1].a}. */
    private static String duplicatePath(JacksonException e) {
        if (!(e.processor() instanceof JsonParser parser)) {
            return null;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (TokenStreamContext context = parser.streamReadContext();
                context != null && !context.inRoot();
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

    /** JSON null and a missing node count as absent: null. */
    public static JsonNode present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /** "an array", "a string", ...: a node's JSON type, for messages. */
    public static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** True when a key or a string anywhere in {@code value} holds an unpaired UTF-16 surrogate. */
    public static boolean containsUnpairedSurrogate(JsonNode value) {
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

    /** True when {@code text} could not be encoded as UTF-8 as received. */
    public static boolean hasUnpairedSurrogate(String text) {
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
}
