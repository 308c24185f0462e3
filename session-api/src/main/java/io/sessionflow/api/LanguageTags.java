package io.sessionflow.api;

import java.util.IllformedLocaleException;
import java.util.Locale;

/** BCP 47 language tags, as the providers' locale and language fields and the catalog take them. */
public final class LanguageTags {

    private LanguageTags() {}

    public static boolean isWellFormed(String tag) {
        if (tag == null || tag.isEmpty()) {
            return false; // not a tag, whatever a given JDK's Locale.Builder makes of ""
        }
        try {
            new Locale.Builder().setLanguageTag(tag);
            return true;
        } catch (IllformedLocaleException illFormed) {
            return false;
        }
    }
}
