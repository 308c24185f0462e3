package io.sessionflow.api.catalog;

/**
 * A provider's section of the catalog document: its name in the document and the record it is read into.
 * Declared as a bean by the provider's API configuration; {@link CatalogDocuments} reads the sections of
 * every registered type, in the beans' order ({@code @Order}), which is also the order of their entries.
 */
public record CatalogSectionType(String name, Class<? extends CatalogSection> type) {}
