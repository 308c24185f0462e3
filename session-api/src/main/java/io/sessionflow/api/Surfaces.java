package io.sessionflow.api;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every registered {@link Surface}: which one a request path belongs to, if any. */
public final class Surfaces {

    private static final Pattern FIRST_SEGMENT = Pattern.compile("^/+([^/;]*)");

    private final List<Surface> surfaces;

    public Surfaces(List<? extends Surface> surfaces) {
        this.surfaces = List.copyOf(surfaces);
    }

    /** @param path a request path as sent (not decoded), or null: see {@link Surface#serves} */
    public Optional<Surface> of(String path) {
        return surfaces.stream().filter(surface -> surface.serves(path)).findFirst();
    }

    /** @return the first segment of a path, without path parameters, or null when it has none */
    static String firstSegmentOf(String path) {
        Matcher first = FIRST_SEGMENT.matcher(path == null ? "" : path);
        return first.find() ? first.group(1) : null;
    }
}
