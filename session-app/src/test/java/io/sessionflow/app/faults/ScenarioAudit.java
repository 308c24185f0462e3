package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.sessionflow.app.ProcessorProgress;
import io.sessionflow.schemas.events.SessionCreated;

/**
 * The end-of-scenario audit, by the crash audit's rules, of every create a cluster scenario sent: during the
 * fault only documented answers (2xx, or the provider's retryable 503 with {@code Retry-After}; no answer at
 * all only where the scenario takes an API instance away); every create answered 2xx in the end; once the
 * processor has decided every request, {@code sessionflow.session-events} read {@code read_committed} holds
 * exactly one {@code SessionCreated} per answered request, the answered session, and no session key has two;
 * every answered session reads back through every API instance, and the request retried gets the identical
 * answer (through each API instance in turn).
 */
final class ScenarioAudit {

    private static final Duration DECIDED_LIMIT = Duration.ofMinutes(1);
    private static final Duration READ_BACK_LIMIT = Duration.ofMinutes(2);

    private final List<String> undocumented = new ArrayList<>();
    private final List<String> unanswered = new ArrayList<>();
    private final List<String> notExactlyOnce = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private int duplicateKeys;

    private ScenarioAudit() {}

    /**
     * @param noAnswerAllowed whether an exchange may get no answer at all (the scenario stops or kills an API
     *                        instance, and the client retries elsewhere)
     */
    static ScenarioAudit of(
            List<RetriedCreate> creates, String bootstrapServers, List<SessionApiClient> apis, boolean noAnswerAllowed)
            throws Exception {
        ScenarioAudit audit = new ScenarioAudit();
        for (RetriedCreate create : creates) {
            for (Exchange exchange : create.exchanges()) {
                if (!exchange.answered()
                        && !(noAnswerAllowed && exchange.noAnswer())
                        && !CreateRequest.isDocumentedRetryable(create.request().provider(), exchange)) {
                    audit.undocumented.add(create.request() + ": " + exchange.describe());
                }
            }
            if (!create.answered2xx()) {
                audit.unanswered.add(create.describe());
            }
        }
        ProcessorProgress.awaitAllRequestsDecided(bootstrapServers, DECIDED_LIMIT);
        SessionEventsAudit events = SessionEventsAudit.read(bootstrapServers);
        audit.duplicateKeys = events.duplicates().size();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> reads = new ArrayList<>();
            long deadline = System.nanoTime() + READ_BACK_LIMIT.toNanos();
            int index = 0;
            for (RetriedCreate create : creates) {
                if (!create.answered2xx()) {
                    continue;
                }
                String answeredId = create.request().sessionId(create.answer().json());
                List<SessionCreated> created = events.created(create.request().sessionKey());
                if (created.size() != 1 || !created.get(0).getSessionId().equals(answeredId)) {
                    audit.notExactlyOnce.add(create.request() + " answered " + answeredId + ", SessionCreated "
                            + created.stream().map(SessionCreated::getSessionId).toList());
                }
                SessionApiClient replayedThrough = apis.get(index++ % apis.size());
                for (SessionApiClient api : apis) {
                    reads.add(pool.submit(() -> api == replayedThrough
                            ? ReadBack.readBackAndReplay(api, create, deadline)
                            : readBack(api, create, deadline)));
                }
            }
            for (Future<String> read : reads) {
                String problem = read.get(READ_BACK_LIMIT.toMillis() + 30_000, TimeUnit.MILLISECONDS);
                if (problem != null) {
                    audit.unreadable.add(problem);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return audit;
    }

    private static String readBack(SessionApiClient api, RetriedCreate create, long deadline) {
        Exchange read = ReadBack.session(api, create);
        while (!ReadBack.readable(create, read)
                && (read.status() == 503 || read.noAnswer())
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            read = ReadBack.session(api, create);
        }
        return ReadBack.readable(create, read)
                ? null
                : create.request() + " not readable through " + api.address() + ": " + read.describe();
    }

    List<String> undocumented() {
        return undocumented;
    }

    List<String> unanswered() {
        return unanswered;
    }

    List<String> notExactlyOnce() {
        return notExactlyOnce;
    }

    List<String> unreadable() {
        return unreadable;
    }

    int duplicateKeys() {
        return duplicateKeys;
    }

    /** The audit's part of a summary line. */
    String summary() {
        return "undocumented=" + undocumented.size() + " unanswered=" + unanswered.size() + " not-exactly-once="
                + notExactlyOnce.size() + " duplicate-keys=" + duplicateKeys + " unreadable=" + unreadable.size();
    }
}
