package io.sessionflow.api.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.chat.ChatCatalogKeys;
import io.sessionflow.schemas.chat.ChatWidgetKey;
import io.sessionflow.schemas.chat.WebOrigins;

/**
 * Every origin that at least one enabled widget key allows, read from the catalog view
 * ({@code chat:widget-key:*} entries) and re-read at most every {@code refresh}, so that a catalog
 * change through the admin API applies to CORS within that time. A browser's preflight carries no
 * body, so no widget key: CORS can only ask whether any key allows the origin; which key allows it
 * is still the processor's decision.
 *
 * <p>While the catalog cannot be read, the last read answers (none before the first: nothing is allowed).
 */
public final class WidgetKeyOrigins {

    private record Snapshot(Set<String> origins, boolean any, long readAt) {}

    private final Supplier<List<ChatWidgetKey>> keys;
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private volatile Snapshot snapshot;

    WidgetKeyOrigins(Supplier<List<ChatWidgetKey>> keys, Duration refresh, LongSupplier nanoTime) {
        this.keys = keys;
        this.refreshNanos = refresh.toNanos();
        this.nanoTime = nanoTime;
    }

    public static WidgetKeyOrigins of(CatalogQueries catalog, Duration refresh) {
        return new WidgetKeyOrigins(() -> widgetKeys(catalog), refresh, System::nanoTime);
    }

    /** @return whether some enabled widget key allows {@code origin} ({@link WebOrigins#allowed}) */
    public boolean allows(String origin) {
        String normalized = WebOrigins.normalize(origin);
        if (normalized == null) {
            return false;
        }
        Snapshot current = current();
        return current.any() || current.origins().contains(normalized);
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current != null && nanoTime.getAsLong() - current.readAt() < refreshNanos) {
            return current;
        }
        synchronized (this) {
            if (snapshot != current) {
                return snapshot;
            }
            try {
                snapshot = read();
            } catch (CatalogQueries.CatalogUnavailableException e) {
                if (current == null) {
                    return new Snapshot(Set.of(), false, 0);
                }
            }
            return snapshot;
        }
    }

    private Snapshot read() {
        Set<String> origins = new HashSet<>();
        boolean any = false;
        for (ChatWidgetKey key : keys.get()) {
            if (!key.getEnabled()) {
                continue;
            }
            for (String allowed : key.getAllowedOrigins()) {
                String normalized = WebOrigins.normalize(allowed);
                if (WebOrigins.ANY.equals(allowed)) {
                    any = true;
                } else if (normalized != null) {
                    origins.add(normalized);
                }
            }
        }
        return new Snapshot(Set.copyOf(origins), any, nanoTime.getAsLong());
    }

    private static List<ChatWidgetKey> widgetKeys(CatalogQueries catalog) {
        List<ChatWidgetKey> keys = new ArrayList<>();
        for (Map.Entry<String, CatalogEntry> entry : catalog.entries(ChatCatalogKeys.widgetKeys())) {
            if (entry.getValue() != null && entry.getValue().getPayload() instanceof ChatWidgetKey key) {
                keys.add(key);
            }
        }
        return keys;
    }
}
