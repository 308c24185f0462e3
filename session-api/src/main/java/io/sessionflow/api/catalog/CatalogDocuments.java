package io.sessionflow.api.catalog;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.Nulls;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads catalog documents (the catalog file, an admin PUT's body): YAML or JSON, a section per registered
 * {@link CatalogSectionType}, each read into its provider's {@link CatalogSection}. A section no provider
 * registered is refused as an unknown field, as an unknown field within a section is.
 */
public final class CatalogDocuments {

    private final Map<String, CatalogSectionType> types = new LinkedHashMap<>();
    private final YAMLMapper yaml;

    public CatalogDocuments(List<CatalogSectionType> types) {
        types.forEach(type -> this.types.put(type.name(), type));
        this.yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // an omitted flag (published, isPinned, allowsAllIntents...) means false, an omitted number 0
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // a null in a list (tenants: [null]) is refused as the document's error, not met later as a null entry
                .changeDefaultNullHandling(nulls -> nulls.withContentNulls(Nulls.FAIL))
                .addModule(new SimpleModule().addDeserializer(CatalogFile.class, new Sections()))
                .build();
    }

    /**
     * @return the document, or null when it is empty
     * @throws JacksonException when the document is not UTF-8 YAML (or JSON) of a catalog
     */
    public CatalogFile parse(InputStream document) throws IOException {
        CharsetDecoder strictUtf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return yaml.readValue(new NeverFullReader(new InputStreamReader(document, strictUtf8)), CatalogFile.class);
    }

    /** The document's top level: its sections by name, in the registered order; an empty section is none. */
    private final class Sections extends ValueDeserializer<CatalogFile> {

        @Override
        public CatalogFile deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (!p.isExpectedStartObjectToken()) {
                return (CatalogFile) ctxt.handleUnexpectedToken(CatalogFile.class, p);
            }
            Map<String, CatalogSection> read = new HashMap<>();
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken value = p.nextToken();
                CatalogSectionType type = types.get(name);
                if (type == null) {
                    ctxt.handleUnknownProperty(p, this, CatalogFile.class, name);
                } else if (value == JsonToken.VALUE_NULL) {
                    read.remove(name);
                } else {
                    try {
                        read.put(name, ctxt.readValue(p, type.type()));
                    } catch (JacksonException e) {
                        throw JacksonException.wrapWithPath(e, CatalogFile.class, name);
                    }
                }
            }
            Map<String, CatalogSection> sections = new LinkedHashMap<>();
            types.keySet().stream().filter(read::containsKey).forEach(name -> sections.put(name, read.get(name)));
            return new CatalogFile(sections);
        }

        @Override
        public Collection<Object> getKnownPropertyNames() {
            return List.copyOf(types.keySet());
        }
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
}
