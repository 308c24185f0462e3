package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Looks at this JVM's HTTP request threads (Tomcat's {@code http-nio-*-exec-*}) every 100 ms and
 * keeps every sighting of one waiting inside the Kafka producer: a request thread held by the broker
 * (for metadata, for buffer space) instead of being handed back while the answer is awaited.
 */
final class RequestThreadSampler implements AutoCloseable {

    private static final String PRODUCER = "org.apache.kafka.clients.producer.KafkaProducer";

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> sightings = new ArrayList<>();
    private final Thread sampler;
    private int samples;
    private long requestThreadsLookedAt;

    RequestThreadSampler() {
        sampler = new Thread(this::sample, "request-thread-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running.get()) {
            int lookedAt = 0;
            for (Map.Entry<Thread, StackTraceElement[]> thread :
                    Thread.getAllStackTraces().entrySet()) {
                if (!thread.getKey().getName().startsWith("http-nio-")) {
                    continue;
                }
                lookedAt++;
                if (inProducer(thread.getValue())) {
                    synchronized (sightings) {
                        sightings.add(thread.getKey().getName() + " at " + top(thread.getValue()));
                    }
                }
            }
            synchronized (sightings) {
                samples++;
                requestThreadsLookedAt += lookedAt;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    List<String> sightings() {
        synchronized (sightings) {
            return List.copyOf(sightings);
        }
    }

    int samples() {
        synchronized (sightings) {
            return samples;
        }
    }

    /** How many HTTP request threads the samples looked at, in all: none, and no sighting proves nothing. */
    long requestThreadsLookedAt() {
        synchronized (sightings) {
            return requestThreadsLookedAt;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sampler.join(5_000);
    }

    private static boolean inProducer(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(PRODUCER)) {
                return true;
            }
        }
        return false;
    }

    private static String top(StackTraceElement[] stack) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(stack.length, 4); i++) {
            text.append(i == 0 ? "" : " < ").append(stack[i]);
        }
        return text.toString();
    }
}
