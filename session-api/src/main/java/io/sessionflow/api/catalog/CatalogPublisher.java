package io.sessionflow.api.catalog;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.annotation.Nulls;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.catalog.CatalogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes reference data to the compacted catalog topic {@code sessionflow.catalog}, which the
 * processor reads as a GlobalKTable: the catalog file at start, one entry at a time at run time.
 */
public final class CatalogPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogPublisher.class);
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // an omitted flag (published, isPinned, allowsAllIntents...) means false, an omitted number 0
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a null in a list (tenants: [null]) is refused as the document's error, not met later as a null entry
            .changeDefaultNullHandling(nulls -> nulls.withContentNulls(Nulls.FAIL))
            .build();

    private final KafkaTemplate<String, byte[]> kafka;

    public CatalogPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** @throws tools.jackson.core.JacksonException when the document is not UTF-8 YAML (or JSON) of a catalog */
    public static CatalogFile parse(InputStream yaml) throws IOException {
        CharsetDecoder strictUtf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return YAML.readValue(new NeverFullReader(new InputStreamReader(yaml, strictUtf8)), CatalogFile.class);
    }

    /**
     * Never fills a read completely. snakeyaml-engine (3.0.1) reads one char past its buffer when a read
     * fills the buffer and ends in a high surrogate: any document with a character beyond the BMP (an
     * emoji) at such an offset failed with an IndexOutOfBoundsException instead of being read.
     */
    private static final class NeverFullReader extends FilterReader {

        NeverFullReader(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, length > 1 ? length - 1 : length);
        }
    }

    /** Publishes every entry of the file and waits until the broker has them all; returns their number. */
    public int publish(CatalogFile file) {
        Map<String, Object> entries = file.entries();
        Instant now = Instant.now();
        try {
            for (Map.Entry<String, Object> entry : entries.entrySet()) {
                put(entry.getKey(), entry.getValue(), now).get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading the catalog", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write the catalog to " + Topics.CATALOG.name(), e);
        }
        LOG.info("Loaded {} catalog entries into {}", entries.size(), Topics.CATALOG.name());
        return entries.size();
    }

    /** Writes a tombstone: the entry is gone once the processor's GlobalKTable reads it. */
    public CompletableFuture<?> delete(String key) {
        return kafka.send(Topics.CATALOG.name(), key, null);
    }

    public CompletableFuture<?> put(String key, Object payload, Instant updatedAt) {
        return kafka.send(Topics.CATALOG.name(), key, encode(payload, updatedAt));
    }

    /** A catalog entry as it is written to the topic. */
    public static byte[] encode(Object payload, Instant updatedAt) {
        CatalogEntry entry = CatalogEntry.newBuilder()
                .setUpdatedAt(updatedAt)
                .setPayload(payload)
                .build();
        return Topics.CATALOG.valueSerde().serializer().serialize(Topics.CATALOG.name(), entry);
    }
}
