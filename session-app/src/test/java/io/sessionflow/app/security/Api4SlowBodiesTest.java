package io.sessionflow.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.sessionflow.app.EndToEndTest;
import org.junit.jupiter.api.Test;

/**
 * OWASP API4 (unrestricted resource consumption): clients that send a request body one byte every
 * few seconds must not hold the server's request threads (Tomcat has 200), or every other caller waits.
 * With 250 such connections open, a normal create still answers as usual, and each slow body is
 * answered 408 (and its connection closed) once the body-read deadline passes.
 */
class Api4SlowBodiesTest extends EndToEndTest {

    private static final int SLOW_CONNECTIONS = 250;
    private static final String CHAT = "/chat/api/public/v1/chat/sessions";
    private static final String OPEN_KEY = "pk_live_1a2b3c4d5e6f7890abcd1234ef567890";
    /** outcome-wait (5 s) and a margin; before bodies were read without a thread it took 36 s and more */
    private static final Duration USUAL_LATENCY_BOUND = Duration.ofSeconds(10);

    @Test
    void slowBodiesHoldNoThreadsAndAreAnsweredWhenTheirDeadlinePasses() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("localhost", HTTP_PORT), 5_000);
                socket.setSoTimeout(1_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + CHAT + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 200\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(socket);
            }
            // one more byte every two seconds on every connection, for at most 30 seconds
            long trickleEnd = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            trickle.scheduleAtFixedRate(
                    () -> {
                        if (System.nanoTime() > trickleEnd) {
                            return;
                        }
                        for (Socket socket : slow) {
                            try {
                                socket.getOutputStream().write(' ');
                                socket.getOutputStream().flush();
                            } catch (IOException closedByServer) {
                                // answered and closed: what is expected once the deadline passed
                            }
                        }
                    },
                    2,
                    2,
                    TimeUnit.SECONDS);

            long start = System.nanoTime();
            Response created = post(CHAT, "{\"publicKey\":\"" + OPEN_KEY + "\"}", Map.of());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(created.status()).isEqualTo(200);
            assertThat(took).isLessThan(USUAL_LATENCY_BOUND);

            long deadline =
                    System.nanoTime() + BODY_READ_TIMEOUT.plusSeconds(15).toNanos();
            int answered = 0;
            for (Socket socket : slow) {
                String answer = readUntilClosed(socket, deadline);
                assertThat(answer)
                        .as("a slow body's answer")
                        .satisfiesAnyOf(
                                text -> assertThat(text)
                                        .startsWith("HTTP/1.1 408")
                                        .contains("\"error\":\"invalid_input\"")
                                        .containsIgnoringCase("connection: close"),
                                text -> assertThat(text).isEmpty());
                answered += answer.isEmpty() ? 0 : 1;
            }
            assertThat(answered).as("slow bodies answered 408").isGreaterThan(0);
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** What the server sent until it closed the connection; fails when it keeps it open past the deadline. */
    private static String readUntilClosed(Socket socket, long deadline) throws IOException {
        StringBuilder text = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    return text.toString();
                }
                text.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            } catch (SocketTimeoutException stillOpen) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("a slow connection is still open past its body deadline: " + text);
                }
            } catch (IOException reset) {
                return text.toString();
            }
        }
    }
}
