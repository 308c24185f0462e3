package io.sessionflow.api.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.sessionflow.api.algoreg.AlgoregCatalog;
import io.sessionflow.api.chat.ChatCatalog;
import io.sessionflow.api.liveperson.LivePersonCatalog;
import io.sessionflow.api.zenskar.ZenskarCatalog;

/** Catalog documents read as the app reads them, with every provider's section, in the app's order. */
public final class AllCatalogSections {

    private static final CatalogDocuments DOCUMENTS = new CatalogDocuments(
            List.of(ChatCatalog.SECTION, AlgoregCatalog.SECTION, ZenskarCatalog.SECTION, LivePersonCatalog.SECTION));

    private AllCatalogSections() {}

    public static CatalogFile parse(InputStream document) throws IOException {
        return DOCUMENTS.parse(document);
    }
}
