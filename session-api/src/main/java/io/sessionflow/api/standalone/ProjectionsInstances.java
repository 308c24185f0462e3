package io.sessionflow.api.standalone;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sessionflow.projections.query.RemoteSessionQueries;
import io.sessionflow.projections.query.SessionLookup;
import io.sessionflow.projections.query.SessionQueries;
import io.sessionflow.projections.query.SessionQueryService;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The standalone API's answers: asks one of the configured projections instances
 * ({@code sessionflow.api.projections}, their internal ports), taken in turn, over the internal endpoint with
 * the instance credential. That instance answers from its own store or forwards once to the owner. A refused
 * connection, a timeout or a 503 (the instance or the owner cannot answer now) moves on to the next instance,
 * pausing briefly once every instance has been tried, until the caller's deadline, which no call outlives
 * (an instance that hangs is given up at the deadline); then the lookup is
 * {@link SessionLookup.Unavailable} and the API answers its retryable 503. Nothing blocks a thread: each call
 * is an asynchronous HTTP exchange, each pause a delayed executor.
 *
 * <p>A wait for a request's answer is asked in slices of at most {@value #SLICE_MILLIS} ms, again (of the next
 * instance) while nothing has arrived, so that an instance that stops answering (stopping, cut off, its
 * connection half open) holds a call for one slice, not for the caller's whole wait.
 */
public final class ProjectionsInstances implements SessionQueries {

    private static final Duration PAUSE = Duration.ofMillis(100);
    /** The instance is asked to wait this much less than the caller, so that its answer arrives in time. */
    private static final Duration ANSWER_TRAVEL = Duration.ofMillis(200);

    private static final long SLICE_MILLIS = 1000;
    private static final Duration SLICE = Duration.ofMillis(SLICE_MILLIS);

    private final List<HostInfo> instances;
    private final RemoteSessionQueries remote;
    private final Executor completions;
    private final AtomicInteger next = new AtomicInteger();

    public ProjectionsInstances(List<HostInfo> instances, RemoteSessionQueries remote, Executor completions) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("sessionflow.api.projections names no projections instance");
        }
        this.instances = List.copyOf(instances);
        this.remote = remote;
        this.completions = completions;
    }

    /** Parses {@code host:port,host:port}. */
    public static List<HostInfo> parse(List<String> addresses) {
        return addresses.stream()
                .map(String::trim)
                .filter(a -> !a.isEmpty())
                .map(address -> {
                    int colon = address.lastIndexOf(':');
                    if (colon <= 0 || colon == address.length() - 1) {
                        throw new IllegalArgumentException("sessionflow.api.projections: '" + address
                                + "' is not host:port (a projections instance's internal port)");
                    }
                    return new HostInfo(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
                })
                .toList();
    }

    @Override
    public CompletableFuture<SessionLookup> awaitOutcome(String sessionKey, String requestKey, Duration wait) {
        return ask(SessionQueryService.Query.outcome(sessionKey, requestKey), deadline(wait), 0);
    }

    @Override
    public CompletableFuture<SessionLookup> session(String sessionKey, Duration wait) {
        return ask(SessionQueryService.Query.session(sessionKey), deadline(wait), 0);
    }

    private CompletableFuture<SessionLookup> ask(SessionQueryService.Query query, long deadline, int tried) {
        Duration remaining = remaining(deadline);
        if (remaining.isZero()) {
            return CompletableFuture.completedFuture(new SessionLookup.Unavailable("no projections instance answered"));
        }
        HostInfo instance = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
        Duration asked = remaining.compareTo(ANSWER_TRAVEL) > 0 ? remaining.minus(ANSWER_TRAVEL) : Duration.ZERO;
        boolean waitsForAnswer = query.requestKey() != null;
        if (waitsForAnswer && asked.compareTo(SLICE) > 0) {
            asked = SLICE;
        }
        Duration held = asked.plus(ANSWER_TRAVEL).compareTo(remaining) < 0 ? asked.plus(ANSWER_TRAVEL) : remaining;
        return remote.lookup(instance, query, asked, false)
                .exceptionally(e -> new SessionLookup.Unavailable("the projections instance did not answer"))
                .completeOnTimeout(
                        new SessionLookup.Unavailable("the projections instance did not answer in time"),
                        held.toNanos(),
                        TimeUnit.NANOSECONDS)
                .thenCompose(lookup -> {
                    if (lookup instanceof SessionLookup.NotFound
                            && waitsForAnswer
                            && remaining(deadline).compareTo(ANSWER_TRAVEL) > 0) {
                        return ask(query, deadline, tried);
                    }
                    if (!(lookup instanceof SessionLookup.Unavailable)) {
                        return CompletableFuture.completedFuture(lookup);
                    }
                    int attempts = tried + 1;
                    if (attempts % instances.size() != 0) {
                        return ask(query, deadline, attempts);
                    }
                    long pause = Math.min(PAUSE.toNanos(), remaining(deadline).toNanos());
                    Executor later = CompletableFuture.delayedExecutor(pause, TimeUnit.NANOSECONDS, completions);
                    return CompletableFuture.supplyAsync(() -> query, later)
                            .thenCompose(q -> ask(q, deadline, attempts));
                });
    }

    private static long deadline(Duration wait) {
        return System.nanoTime() + wait.toNanos();
    }

    private static Duration remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
    }
}
