package io.sessionflow.schemas;

import java.util.List;
import java.util.stream.Stream;

import io.sessionflow.schemas.admin.AdminAuditRecord;
import io.sessionflow.schemas.algoreg.AlgoregCustomerReference;
import io.sessionflow.schemas.algoreg.AlgoregSessionRequested;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.events.SessionActivity;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.liveperson.LivePersonSessionRequested;
import io.sessionflow.schemas.zenskar.ZenskarSessionRequested;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of sessionflow. Their names are part of the public contract (see the README);
 * every producer and consumer takes name and serdes from here.
 */
public final class Topics {

    /** Distinct catalog entries kept decoded: every request reads the catalog, which seldom changes. */
    private static final int CATALOG_DECODES = 10_000;

    public static final Topic<String, ChatSessionRequested> CHAT_REQUESTS = new Topic<>(
            "sessionflow.chat.requests",
            Serdes.String(),
            AvroSerde.of(ChatSessionRequested.class),
            false,
            Topic.Classification.RESTRICTED);

    public static final Topic<String, ZenskarSessionRequested> ZENSKAR_REQUESTS = new Topic<>(
            "sessionflow.zenskar.requests",
            Serdes.String(),
            AvroSerde.of(ZenskarSessionRequested.class),
            false,
            Topic.Classification.RESTRICTED);

    public static final Topic<String, AlgoregSessionRequested> ALGOREG_REQUESTS = new Topic<>(
            "sessionflow.algoreg.requests",
            Serdes.String(),
            AvroSerde.of(AlgoregSessionRequested.class),
            false,
            Topic.Classification.RESTRICTED);

    /**
     * The customer reference of each Algoreg session that has one, by session key: personal data that
     * a session read answers but session-events must not carry. Compacted, so a tombstone erases it.
     */
    public static final Topic<String, AlgoregCustomerReference> ALGOREG_CUSTOMER_REFERENCES = new Topic<>(
            "sessionflow.algoreg.customer-references",
            Serdes.String(),
            AvroSerde.of(AlgoregCustomerReference.class),
            true,
            Topic.Classification.RESTRICTED);

    public static final Topic<String, LivePersonSessionRequested> LIVEPERSON_REQUESTS = new Topic<>(
            "sessionflow.liveperson.requests",
            Serdes.String(),
            AvroSerde.of(LivePersonSessionRequested.class),
            false,
            Topic.Classification.RESTRICTED);

    public static final Topic<String, SessionEvent> SESSION_EVENTS = new Topic<>(
            "sessionflow.session-events",
            Serdes.String(),
            AvroSerde.of(SessionEvent.class),
            false,
            Topic.Classification.PUBLIC);

    /** Uses of sessions (a successful introspection), so that idle timeouts are extended. */
    public static final Topic<String, SessionActivity> SESSION_ACTIVITY = new Topic<>(
            "sessionflow.session-activity",
            Serdes.String(),
            AvroSerde.of(SessionActivity.class),
            false,
            Topic.Classification.RESTRICTED);

    public static final Topic<String, CatalogEntry> CATALOG = new Topic<>(
            "sessionflow.catalog",
            Serdes.String(),
            AvroSerde.sharingDecodes(CatalogEntry.class, CATALOG_DECODES),
            true,
            Topic.Classification.RESTRICTED);

    /** Records that could not be decoded or processed, as they were, with the reason in headers. */
    public static final Topic<byte[], byte[]> DEAD_LETTER = new Topic<>(
            "sessionflow.dead-letter", Serdes.ByteArray(), Serdes.ByteArray(), false, Topic.Classification.RESTRICTED);

    /**
     * Who changed what through the admin API, and when, keyed by the admin credential's id. Written in the
     * same transaction as the catalog change it describes; never holds a secret, a key or a key hash.
     */
    public static final Topic<String, AdminAuditRecord> ADMIN_AUDIT = new Topic<>(
            "sessionflow.admin-audit",
            Serdes.String(),
            AvroSerde.of(AdminAuditRecord.class),
            false,
            Topic.Classification.RESTRICTED);

    /** Every provider's request topic: the API writes them, the processor reads them. */
    public static final List<Topic<?, ?>> REQUESTS =
            List.of(CHAT_REQUESTS, ZENSKAR_REQUESTS, ALGOREG_REQUESTS, LIVEPERSON_REQUESTS);

    public static final List<Topic<?, ?>> ALL = Stream.concat(
                    REQUESTS.stream(),
                    Stream.of(
                            ALGOREG_CUSTOMER_REFERENCES,
                            SESSION_EVENTS,
                            SESSION_ACTIVITY,
                            CATALOG,
                            DEAD_LETTER,
                            ADMIN_AUDIT))
            .toList();

    private Topics() {}
}
