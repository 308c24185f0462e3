package io.sessionflow.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field failures of one request body, in the order they were found: a field path ({@code publicKey},
 * {@code input_data.birthdate}, {@code variables.<key>}) and every reason it failed, joined by "; ".
 * The parsers collect and word their failures this one way; each provider's error format shows them as
 * its contract says (a details map, a summary message).
 */
public final class FieldFailures {

    private final Map<String, String> byPath = new LinkedHashMap<>();

    public void add(String path, String reason) {
        byPath.merge(path, reason, (first, second) -> first + "; " + second);
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** How many fields failed. */
    public int count() {
        return byPath.size();
    }

    /** Reasons by field path, in the order found. */
    public Map<String, String> byPath() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byPath));
    }

    /** Every failure in one line: {@code "<path> <reason>; <path> <reason>"}. */
    public String summary() {
        StringBuilder message = new StringBuilder();
        byPath.forEach((path, reason) -> {
            if (message.length() > 0) {
                message.append("; ");
            }
            message.append(path).append(' ').append(reason);
        });
        return message.toString();
    }

    /** {@code "Request validation failed: <n> field(s) is/are invalid"}. */
    public String validationMessage() {
        int count = count();
        return "Request validation failed: " + count + (count == 1 ? " field is invalid" : " fields are invalid");
    }
}
