package io.sessionflow.api.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A catalog document written in a test, read as the publisher reads the catalog file. */
public final class CatalogYaml {

    private CatalogYaml() {}

    public static CatalogFile parse(String yaml) throws IOException {
        return AllCatalogSections.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The catalog entries the document becomes, by key. */
    public static Map<String, Object> entries(String yaml) throws IOException {
        return parse(yaml).entries();
    }
}
