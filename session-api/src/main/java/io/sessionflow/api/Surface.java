package io.sessionflow.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP surfaces sessionflow serves, by the first segment of their paths. Each answers in its own
 * format only (JSON, whatever {@code Accept} asks for), errors included: see {@link SurfaceErrors},
 * {@link SurfaceErrorController}, {@link SurfaceErrorReportValve} and {@link SurfaceNegotiation}.
 */
public enum Surface {
    CHAT("chat"),
    ALGOREG("algoreg"),
    ZENSKAR("zenskar"),
    LIVEPERSON("liveperson"),
    ADMIN("admin"),
    INTROSPECTION("sessions");

    private static final Pattern FIRST_SEGMENT = Pattern.compile("^/+([^/;]*)");

    private final String firstSegment;

    Surface(String firstSegment) {
        this.firstSegment = firstSegment;
    }

    /**
     * @param path a request path as sent (not decoded), or null. Its first segment is compared as a
     *             forgiving router would (repeated slashes, path parameters and case ignored), so that a
     *             near miss of a surface's path is still answered in that surface's format.
     */
    public static Optional<Surface> of(String path) {
        Matcher first = FIRST_SEGMENT.matcher(path == null ? "" : path);
        if (first.find()) {
            for (Surface surface : values()) {
                if (surface.firstSegment.equalsIgnoreCase(first.group(1))) {
                    return Optional.of(surface);
                }
            }
        }
        return Optional.empty();
    }
}
