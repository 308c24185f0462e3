package io.sessionflow.api.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.sessionflow.api.Sha256;

/**
 * Bucket4j token buckets by key (a client address, a tenant), each made on first use from one limit.
 * They live in a Caffeine cache bounded in size and dropped once idle for the limit's period (by
 * then a bucket is full again, so nothing is forgotten that mattered): memory stays bounded whatever
 * keys clients send. A long key is held as its SHA-256.
 */
public final class KeyedBuckets {

    private static final int LONGEST_KEY = 128;

    private final Cache<String, Bucket> buckets;
    private final Supplier<Bucket> newBucket;

    private KeyedBuckets(Duration period, int maxKeys, Supplier<Bucket> newBucket) {
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(period)
                .build();
        this.newBucket = newBucket;
    }

    /** {@code capacity} tokens, refilled smoothly over {@code period}: a burst, then a steady rate. */
    public static KeyedBuckets smooth(long capacity, Duration period, int maxKeys) {
        return new KeyedBuckets(
                period,
                maxKeys,
                () -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                        .build());
    }

    /** {@code capacity} tokens per {@code window}, all given back when the window passes. */
    public static KeyedBuckets windowed(long capacity, Duration window, int maxKeys) {
        return new KeyedBuckets(
                window,
                maxKeys,
                () -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillIntervally(capacity, window))
                        .build());
    }

    /** Takes a token. @return empty when one was taken, else how long until one is free */
    public Optional<Duration> take(String key) {
        ConsumptionProbe probe = buckets.get(held(key), k -> newBucket.get()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Takes no token. @return empty when one is free, else how long until one is */
    public Optional<Duration> waitFor(String key) {
        Bucket bucket = buckets.getIfPresent(held(key));
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed()
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static String held(String key) {
        return key.length() > LONGEST_KEY ? Sha256.hex(key) : key;
    }
}
