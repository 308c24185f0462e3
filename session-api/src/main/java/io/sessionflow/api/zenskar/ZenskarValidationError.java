package io.sessionflow.api.zenskar;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of Zenskar's 422 {@code {"detail":[...]}}, as FastAPI writes a pydantic error:
 * {@code type} (pydantic's error type), {@code loc} (e.g. {@code ["body","customer_id"]},
 * {@code ["header","idempotency-key"]}, or {@code ["body", <character position>]} for malformed
 * JSON), {@code msg}, and {@code ctx} where pydantic gives one. The offending input is not echoed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "loc", "msg", "ctx"})
public record ZenskarValidationError(String type, List<Object> loc, String msg, Map<String, Object> ctx) {

    public static ZenskarValidationError body(String field, String type, String msg) {
        return new ZenskarValidationError(type, List.of("body", field), msg, null);
    }

    public static ZenskarValidationError body(String field, String type, String msg, Map<String, Object> ctx) {
        return new ZenskarValidationError(type, List.of("body", field), msg, ctx);
    }

    /** A problem with the body as a whole: {@code loc} is {@code ["body"]}. */
    public static ZenskarValidationError wholeBody(String type, String msg) {
        return new ZenskarValidationError(type, List.of("body"), msg, null);
    }

    /** @param name the header name in lower case, as FastAPI reports it */
    public static ZenskarValidationError header(String name, String type, String msg) {
        return new ZenskarValidationError(type, List.of("header", name), msg, null);
    }
}
