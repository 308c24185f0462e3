package io.sessionflow.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster's hosts themselves ({@link Hosts}), without Kafka: a process started on a host is the
 * command itself (its PID is the one a test kills), a host reaches the test JVM through the bridge,
 * and a cut link reaches nothing until it is healed. The link tests need network namespaces and skip
 * themselves on loopback addresses.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HostLinkClusterTest {

    @Test
    void aProcessStartedOnAHostIsTheCommandItselfNotAWrapper() throws Exception {
        Host host = Hosts.shared().host("pid-check");
        Process process = new ProcessBuilder(host.command(List.of("sleep", "30"))).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!process.info().command().orElse("").endsWith("/sleep") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(process.info().command())
                    .as("the command of pid " + process.pid())
                    .hasValueSatisfying(command -> assertThat(command).endsWith("/sleep"));
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(process.isAlive()).as("killed by its PID").isFalse();
    }

    @Test
    void aCutLinkReachesNothingUntilItIsHealed() throws Exception {
        Hosts hosts = Hosts.shared();
        assumeTrue(hosts.mode() == Hosts.Mode.NETWORK_NAMESPACES, "cluster hosts are " + hosts.describe());
        Host host = hosts.host("cut-check");
        assertThat(host.canCut()).isTrue();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(hosts.testAddress(), 0));
            assertThat(connects(host, server)).as("before the cut").isTrue();
            host.cut();
            try {
                assertThat(host.isCut()).isTrue();
                assertThat(connects(host, server)).as("while cut").isFalse();
            } finally {
                host.heal();
            }
            assertThat(connects(host, server)).as("after healing").isTrue();
        }
    }

    @Test
    void aLoopbackHostCannotBeCut() {
        Host local = Host.local();
        assertThat(local.canCut()).isFalse();
        assertThatThrownBy(local::cut).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Whether a TCP connection from {@code host} to the test JVM's {@code server} opens within 3 s. */
    private static boolean connects(Host host, ServerSocket server) throws Exception {
        String target = server.getInetAddress().getHostAddress() + "/" + server.getLocalPort();
        Process process = new ProcessBuilder(
                        host.command(List.of("timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/" + target)))
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }
}
