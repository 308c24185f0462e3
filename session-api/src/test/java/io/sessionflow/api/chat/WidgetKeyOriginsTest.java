package io.sessionflow.api.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.chat.ChatWidgetKey;
import org.junit.jupiter.api.Test;

class WidgetKeyOriginsTest {

    private final AtomicReference<List<ChatWidgetKey>> catalog = new AtomicReference<>(List.of());
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final WidgetKeyOrigins origins = new WidgetKeyOrigins(
            () -> {
                reads.incrementAndGet();
                return catalog.get();
            },
            Duration.ofSeconds(5),
            now::get);

    private static ChatWidgetKey key(boolean enabled, String... origins) {
        return ChatWidgetKey.newBuilder()
                .setPublicKey("pk_live_" + "0".repeat(32))
                .setTenantId("t")
                .setLabel("l")
                .setEnabled(enabled)
                .setAllowedOrigins(List.of(origins))
                .setAllowsAllIntents(true)
                .build();
    }

    @Test
    void anOriginIsAllowedWhenAnEnabledKeyAllowsIt() {
        catalog.set(List.of(key(true, "https://shop.acme.example"), key(false, "https://old.acme.example")));

        assertThat(origins.allows("https://shop.acme.example")).isTrue();
        assertThat(origins.allows("https://shop.acme.example:443")).isTrue();
        assertThat(origins.allows("https://shop.acme.example/evil")).isFalse();
        assertThat(origins.allows("https://old.acme.example")).isFalse();
        assertThat(origins.allows("https://evil.example")).isFalse();
        assertThat(origins.allows("null")).isFalse();
    }

    @Test
    void theWildcardOfAnEnabledKeyAllowsEveryOriginButNull() {
        catalog.set(List.of(key(true, "*")));

        assertThat(origins.allows("https://anyone.example")).isTrue();
        assertThat(origins.allows("null")).isFalse();
    }

    @Test
    void theCatalogIsReadAgainOnceTheRefreshIntervalHasPassed() {
        catalog.set(List.of(key(true, "https://shop.acme.example")));
        assertThat(origins.allows("https://new.acme.example")).isFalse();

        catalog.set(List.of(key(true, "https://new.acme.example")));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(origins.allows("https://new.acme.example")).isFalse();
        assertThat(reads).hasValue(1);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(origins.allows("https://new.acme.example")).isTrue();
        assertThat(origins.allows("https://shop.acme.example")).isFalse();
        assertThat(reads).hasValue(2);
    }

    @Test
    void whileTheCatalogCannotBeReadTheLastReadAnswersAndBeforeItNothingIsAllowed() {
        WidgetKeyOrigins starting = WidgetKeyOrigins.of(new CatalogQueries(() -> null), Duration.ZERO);
        assertThat(starting.allows("https://shop.acme.example")).isFalse();

        CatalogQueries notStarted = new CatalogQueries(() -> null);
        AtomicReference<Boolean> available = new AtomicReference<>(true);
        WidgetKeyOrigins flaky = new WidgetKeyOrigins(
                () -> {
                    if (!available.get()) {
                        notStarted.entries("chat:widget-key:");
                    }
                    return List.of(key(true, "https://shop.acme.example"));
                },
                Duration.ZERO,
                now::get);
        assertThat(flaky.allows("https://shop.acme.example")).isTrue();
        available.set(false);
        assertThat(flaky.allows("https://shop.acme.example")).isTrue();
    }
}
