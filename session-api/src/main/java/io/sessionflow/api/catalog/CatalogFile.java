package io.sessionflow.api.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.AvroRuntimeException;

/**
 * A catalog document (YAML) as written by operators; see {@code docs/catalog.md}. A section per provider, each
 * its provider's {@link CatalogSection}, read by {@link CatalogDocuments}; {@link #entries()} checks them and
 * turns them into the records of the catalog topic, by catalog key.
 *
 * @param sections the sections the document has, by their name in it, in the registered order
 */
public record CatalogFile(Map<String, CatalogSection> sections) {

    private static final Pattern AVRO_FIELD = Pattern.compile("^Field (\\w+) ");

    public CatalogFile {
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /**
     * Where this document gives API keys as bare SHA-256 (JSON paths, document order). A plain SHA-256
     * says nothing of the key's entropy and can be brute-forced from the catalog topic if the key is
     * weak, so the admin API takes such keys only as an explicit import; the catalog file is one.
     */
    public List<String> bareKeyHashPaths() {
        List<String> paths = new ArrayList<>();
        sections.forEach((name, section) -> section.bareKeyHashPaths().forEach(path -> paths.add(name + "." + path)));
        return paths;
    }

    /** @throws IllegalArgumentException naming every problem of the file */
    public Map<String, Object> entries() {
        Map<String, Object> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try {
            sections.values().forEach(section -> section.addEntries(entries, problems));
        } catch (AvroRuntimeException missing) {
            // a null the checks let through into an entry's required field: still the document's error
            Matcher field = AVRO_FIELD.matcher(String.valueOf(missing.getMessage()));
            throw new IllegalArgumentException("The catalog is not valid: a required field is missing"
                    + (field.find() ? ": " + field.group(1) : ""));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The catalog is not valid: " + String.join("; ", problems));
        }
        return entries;
    }
}
