package io.sessionflow.app.faults;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * The crash audit's read-back of an answered create, shared by the fault tests that audit one: the session
 * is readable through the API (a chat token introspected active for its conversation, an Algoreg session
 * read back), and the same request again gets the identical answer. Retryable 503s and missing answers
 * are retried until the caller's deadline.
 */
final class ReadBack {

    private ReadBack() {
    }

    /** The session of an answered create, read back through the API once. */
    static Exchange session(SessionApiClient client, RetriedCreate create) {
        JsonNode answer = create.answer().json();
        return "chat".equals(create.request().provider())
                ? client.introspect(answer.get("sessionToken").asString())
                : client.readAlgoreg(create.request().sessionId(answer));
    }

    /** @return null when the session reads back and the request replays identically, else what went wrong */
    static String readBackAndReplay(SessionApiClient client, RetriedCreate create, long deadline) {
        JsonNode answer = create.answer().json();
        String sessionId = create.request().sessionId(answer);
        Exchange read = untilNot503(deadline, () -> session(client, create));
        boolean readable = read.status() == 200 && read.json() != null && ("chat".equals(create.request().provider())
                ? read.json().path("active").asBoolean(false) && sessionId.equals(read.json().path("sub").asString())
                : sessionId.equals(read.json().path("session_id").asString()));
        if (!readable) {
            return create.request() + " session " + sessionId + " not readable: " + read.describe();
        }
        Exchange replay = untilNot503(deadline, () -> client.send(create.request()));
        if (replay.status() != 200 || !answer.equals(replay.json())) {
            return create.request() + " replayed: " + replay.describe() + ", first answer " + answer;
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
