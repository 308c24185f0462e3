package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * The crash audit's read-back of an answered create, shared by the fault tests that audit one: the session
 * is readable through the API (a chat or Zenskar token introspected active for its session, an Algoreg
 * session read back, a LivePerson visit continued), and the same request again gets the identical answer.
 * Retryable 503s and missing answers are retried until the caller's deadline.
 */
final class ReadBack {

    private ReadBack() {}

    /**
     * The session of an answered create, read back through the API once: a chat or Zenskar token introspected,
     * an Algoreg session read, a LivePerson visit continued (with an Idempotency-Key of this read and this API
     * instance, so that reading again repeats one call).
     */
    static Exchange session(SessionApiClient client, RetriedCreate create) {
        JsonNode answer = create.answer().json();
        return switch (create.request().provider()) {
            case "chat" -> client.introspect(answer.get("sessionToken").asString());
            case "zenskar" -> client.introspect(answer.get("session_token").asString());
            case "liveperson" ->
                client.send(CreateRequest.livepersonContinue(
                        answer,
                        "read-" + client.address() + "-" + create.request().idempotencyKey()));
            default -> client.readAlgoreg(create.request().sessionId(answer));
        };
    }

    /** Whether {@link #session} found the answered session. */
    static boolean readable(RetriedCreate create, Exchange read) {
        if (read.status() != 200 || read.json() == null) {
            return false;
        }
        JsonNode answer = create.answer().json();
        String sessionId = create.request().sessionId(answer);
        return switch (create.request().provider()) {
            case "chat", "zenskar" ->
                read.json().path("active").asBoolean(false)
                        && sessionId.equals(read.json().path("sub").asString(""));
            case "liveperson" ->
                answer.get("sessionId")
                        .asString()
                        .equals(read.json().path("sessionId").asString(""));
            default -> sessionId.equals(read.json().path("session_id").asString(""));
        };
    }

    /** @return null when the session reads back and the request replays identically, else what went wrong */
    static String readBackAndReplay(SessionApiClient client, RetriedCreate create, long deadline) {
        JsonNode answer = create.answer().json();
        String sessionId = create.request().sessionId(answer);
        Exchange read = untilNot503(deadline, () -> session(client, create));
        if (!readable(create, read)) {
            return create.request() + " session " + sessionId + " not readable through " + client.address() + ": "
                    + read.describe();
        }
        Exchange replay = untilNot503(deadline, () -> client.send(create.request()));
        if (replay.status() != 200 || !answer.equals(replay.json())) {
            return create.request() + " replayed through " + client.address() + ": " + replay.describe()
                    + ", first answer " + answer;
        }
        return null;
    }

    private static Exchange untilNot503(long deadline, Supplier<Exchange> exchange) {
        Exchange result = exchange.get();
        while ((result.status() == 503 || result.noAnswer()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            result = exchange.get();
        }
        return result;
    }
}
