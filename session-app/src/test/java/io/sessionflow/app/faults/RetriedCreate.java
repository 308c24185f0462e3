package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A create request sent the way a careful client sends it: again, with the same Idempotency-Key and
 * body, after a retryable answer ({@code 503} with {@code Retry-After}) or after no answer at all
 * (refused, reset: the app is down), until it gets a final answer or the deadline passes. Keeps every
 * exchange, for the test's checks and for what a failure prints.
 */
final class RetriedCreate {

    private static final Duration NO_ANSWER_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final CreateRequest request;
    private final List<Exchange> exchanges = new ArrayList<>();
    private volatile Exchange last;
    private volatile int answeredInPhase = -1;

    RetriedCreate(CreateRequest request) {
        this.request = request;
    }

    /**
     * @param phase what the test is doing when the final answer arrives (before or after a crash, ...)
     * @return whether a final answer arrived before the deadline
     */
    boolean drive(SessionApiClient client, long deadlineNanos, IntSupplier phase) {
        return drive(() -> client, deadlineNanos, phase);
    }

    /** The same, each attempt sent to the instance {@code clients} names then (a load balancer's choice). */
    boolean drive(Supplier<SessionApiClient> clients, long deadlineNanos, IntSupplier phase) {
        while (System.nanoTime() < deadlineNanos) {
            Exchange exchange = clients.get().send(request);
            synchronized (exchanges) {
                exchanges.add(exchange);
            }
            last = exchange;
            if (exchange.noAnswer()) {
                LockSupport.parkNanos(NO_ANSWER_PAUSE.toNanos());
            } else if (CreateRequest.isDocumentedRetryable(request.provider(), exchange)) {
                LockSupport.parkNanos(retryAfter(exchange).toNanos());
            } else {
                answeredInPhase = phase.getAsInt();
                return true;
            }
        }
        return false;
    }

    CreateRequest request() {
        return request;
    }

    /** The final answer, or null while there is none. */
    Exchange answer() {
        return answeredInPhase < 0 ? null : last;
    }

    boolean answered2xx() {
        Exchange answer = answer();
        return answer != null && answer.answered();
    }

    int answeredInPhase() {
        return answeredInPhase;
    }

    List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    String describe() {
        StringBuilder text = new StringBuilder(request.toString())
                .append(" (session key ")
                .append(request.sessionKey())
                .append("):");
        for (Exchange exchange : exchanges()) {
            text.append("\n    ").append(exchange.describe());
        }
        return text.toString();
    }

    private static Duration retryAfter(Exchange exchange) {
        try {
            Duration asked =
                    Duration.ofSeconds(Long.parseLong(exchange.retryAfter().trim()));
            return asked.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : asked;
        } catch (NumberFormatException e) {
            return LONGEST_PAUSE;
        }
    }
}
