package io.sessionflow.schemas.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class RandomIdsTest {

    private final Supplier<UUID> ids = RandomIds.source();

    @Test
    void areVersionFourUuidsOfTheIetfVariantAcrossManyRefills() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = ids.get();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void threadsNeverShareABufferSoNeverAnId() throws Exception {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            threads.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    seen.add(ids.get());
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(seen).hasSize(20_000);
    }

    @Test
    void everyBitButTheFixedSixVaries() {
        long highOr = 0;
        long highAnd = -1;
        long lowOr = 0;
        long lowAnd = -1;
        for (int i = 0; i < 2_000; i++) {
            UUID id = ids.get();
            highOr |= id.getMostSignificantBits();
            highAnd &= id.getMostSignificantBits();
            lowOr |= id.getLeastSignificantBits();
            lowAnd &= id.getLeastSignificantBits();
        }
        assertThat(Long.bitCount(highOr ^ highAnd) + Long.bitCount(lowOr ^ lowAnd))
                .isEqualTo(122);
    }
}
