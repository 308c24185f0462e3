package io.sessionflow.app.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A machine of the test cluster: a name, the address its processes listen on and are reached at, the
 * command prefix that runs a process on it, and, on a network namespace, its one link to the others,
 * which {@link #cut()} takes down and {@link #heal()} brings back without touching its processes.
 * Made by {@link Hosts}; {@link #local()} is the test JVM's own machine (loopback, no prefix), on
 * which the tests' apps ran before hosts existed.
 */
public final class Host {

    private static final Host LOCAL = new Host("local", "127.0.0.1", List.of(), null, null);
    /** first port handed out on a namespace's own address, where nothing else listens */
    private static final int FIRST_NAMESPACE_PORT = 10_000;

    private final String name;
    private final String address;
    private final List<String> commandPrefix;
    private final String namespace;
    private final String link;
    private int nextPort = FIRST_NAMESPACE_PORT;
    private boolean cut;

    Host(String name, String address, List<String> commandPrefix, String namespace, String link) {
        this.name = name;
        this.address = address;
        this.commandPrefix = List.copyOf(commandPrefix);
        this.namespace = namespace;
        this.link = link;
    }

    /** The test JVM's own machine: loopback, processes run as they are. */
    public static Host local() {
        return LOCAL;
    }

    public String name() {
        return name;
    }

    /** The address this host's processes bind and are reached at (from the test JVM and every other host). */
    public String address() {
        return address;
    }

    /** What runs a process on this host ({@code ip netns exec <ns>}, which execs: the PID is the process's). */
    public List<String> commandPrefix() {
        return commandPrefix;
    }

    /** {@code command} run on this host. */
    public List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(commandPrefix);
        full.addAll(command);
        return full;
    }

    /** A port free on this host's address: any, in a namespace of its own; a bound-and-released one on loopback. */
    public synchronized int freePort() {
        if (namespace != null) {
            return nextPort++;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + address, e);
        }
    }

    /** The test JVM's own java launcher, for child JVMs. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Fails unless {@code process} is a java process by now: the PID a test kills must be the JVM's, not
     * a wrapper's ({@code ip netns exec} execs the command after entering the namespace, so it is).
     */
    public static void requireJava(Process process) {
        String command = process.info().command().orElse("");
        if (process.isAlive() && !command.endsWith("/java")) {
            throw new AssertionError("pid " + process.pid() + " is " + command + ", not the java process to kill");
        }
    }

    /** Whether its link can be cut: only a host in a network namespace has one. */
    public boolean canCut() {
        return link != null;
    }

    /**
     * Takes this host's link down (its veth on the bridge): its processes run on but reach nothing, and
     * nothing reaches them, as with a pulled cable; their connections stay open and resume on {@link #heal()}.
     */
    public synchronized void cut() {
        requireLink();
        Hosts.ip("link", "set", link, "down");
        cut = true;
    }

    /**
     * Brings the link back up and returns once it carries traffic: both ends have their carrier, and the
     * neighbour entries that failed while it was down are forgotten (else the first connections after
     * the heal are refused "no route to host" until they expire).
     */
    public synchronized void heal() {
        requireLink();
        Hosts.ip("link", "set", link, "up");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Hosts.run(List.of("ip", "link", "show", link)).contains("LOWER_UP")
                && Hosts.run(List.of("ip", "-n", namespace, "link", "show", "eth0"))
                        .contains("LOWER_UP"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the link of " + this + " has no carrier 10 s after it was set up");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        Hosts.ip("-n", namespace, "neigh", "flush", "dev", "eth0");
        Hosts.ip("neigh", "flush", "to", address);
        cut = false;
    }

    public synchronized boolean isCut() {
        return cut;
    }

    String namespace() {
        return namespace;
    }

    String link() {
        return link;
    }

    private void requireLink() {
        if (link == null) {
            throw new UnsupportedOperationException("host " + name + " (" + address
                    + ") has no link of its own to cut: cluster hosts are loopback addresses");
        }
    }

    @Override
    public String toString() {
        return name + "@" + address + (namespace == null ? "" : " (netns " + namespace + ")");
    }
}
