package io.sessionflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sessionflow.schemas.WireFormat;
import org.junit.jupiter.api.Test;

/** A registry that accepts connections and never answers: start-up fails within the timeouts, not never. */
class SchemaRegistryTimeoutTest {

    private static final RegistryTimeouts SHORT =
            new RegistryTimeouts(Duration.ofSeconds(1), Duration.ofMillis(400), 1, Duration.ofMillis(100));

    @Test
    void aRegistryThatNeverAnswersFailsRegistrationWithinTheTimeoutsAndIsTriedOnceMore() throws IOException {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            long started = System.nanoTime();
            // two attempts of 400 ms and a 100 ms pause: well within 5 s, whatever the machine's load
            assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> assertThatThrownBy(() -> SchemaRegistryCodec.register(url, SHORT, WireFormat.valueTypes()))
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("The schema registry at " + url + " did not register")
                            .hasMessageContaining("in 2 attempts"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (accepted.size() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(accepted).as("the first attempt and its one retry").hasSize(2);
            acceptor.interrupt();
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void timeoutsMustBePositiveAndRetriesNotNegative() {
        assertThatThrownBy(() -> new RegistryTimeouts(Duration.ZERO, Duration.ofSeconds(1), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegistryTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), -1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
