package io.sessionflow.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/** Reads a request body up to a limit, so that an oversized body is refused without being buffered. */
public final class RequestBodies {

    private RequestBodies() {}

    /** @return the body, or empty when it is longer than {@code limit} bytes */
    public static Optional<byte[]> read(HttpServletRequest request, int limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? Optional.empty() : Optional.of(body);
        }
    }

    /** True for a JSON media type or none at all. */
    public static boolean isJsonOrAbsent(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
