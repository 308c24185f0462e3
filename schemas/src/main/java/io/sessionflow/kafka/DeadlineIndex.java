package io.sessionflow.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A time-ordered index in a Streams key-value store: entries keyed
 * {@code <deadline millis, 13 digits>|<kind>|<key>}, so that the entries due by a time are one
 * range scan from the start of the store. Finding what is due costs in proportion to what is due,
 * never to everything stored. {@code kind} is one character that says what the key is.
 */
public final class DeadlineIndex {

    /** One due entry. */
    public record Due(String indexKey, char kind, String key) {
    }

    private static final String FIRST = "0000000000000|";

    private final KeyValueStore<String, String> store;

    public DeadlineIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    public void add(Instant deadline, char kind, String key) {
        store.put(indexKey(deadline, kind, key), "");
    }

    public void remove(Instant deadline, char kind, String key) {
        store.delete(indexKey(deadline, kind, key));
    }

    /** Entries whose deadline is at or before {@code now}, oldest first, at most {@code limit}. */
    public List<Due> dueBy(Instant now, int limit) {
        List<Due> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = store.range(FIRST, String.format("%013d|~", now.toEpochMilli()))) {
            while (entries.hasNext() && due.size() < limit) {
                KeyValue<String, String> entry = entries.next();
                due.add(new Due(entry.key, entry.key.charAt(14), entry.key.substring(16)));
            }
        }
        return due;
    }

    public void done(Due due) {
        store.delete(due.indexKey());
    }

    private static String indexKey(Instant deadline, char kind, String key) {
        return String.format("%013d|%c|%s", Math.max(0, deadline.toEpochMilli()), kind, key);
    }
}
