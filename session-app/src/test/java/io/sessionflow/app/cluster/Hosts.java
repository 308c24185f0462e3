package io.sessionflow.app.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The hosts of the test cluster, made once per test JVM ({@link #shared()}), in one of two modes:
 *
 * <ul>
 * <li>{@link Mode#NETWORK_NAMESPACES}, where the machine allows it (root, {@code ip netns add} works): one
 * Linux network namespace per host with its own address on a private /24, joined by a veth pair to one
 * bridge; the root namespace holds the bridge's address ({@code .1}), so the test JVM reaches every
 * host, and every host reaches every other. A host's link can be cut ({@link Host#cut()}). Every name
 * (namespaces, veths, bridge) starts with a prefix made from this JVM's PID; a shutdown hook removes
 * them, and leftovers of the same prefix (a killed JVM whose PID came back) are removed at start.</li>
 * <li>{@link Mode#LOOPBACK_ADDRESSES} otherwise: each host is an address of its own on loopback
 * (127.0.0.11, .12, ...), processes run on the test JVM's machine, and no link can be cut (tests that
 * need one skip themselves by an assumption on {@link Host#canCut()}).</li>
 * </ul>
 *
 * <p>{@code -Dsessionflow.cluster.hosts=loopback} forces the loopback addresses, {@code =namespaces}
 * fails rather than fall back; the default ({@code auto}) tries namespaces first. The mode that ran is
 * printed ({@code cluster hosts: network namespaces ...}) and is {@link #mode()}.
 */
public final class Hosts {

    public static final String MODE_PROPERTY = "sessionflow.cluster.hosts";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])10\\.(\\d+)\\.(\\d+)\\.\\d+");
    private static Hosts shared;

    /** How the hosts were made. */
    public enum Mode {
        NETWORK_NAMESPACES("network namespaces"),
        LOOPBACK_ADDRESSES("loopback addresses");

        private final String description;

        Mode(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Mode mode;
    private final String prefix;
    private final String subnet;
    private final String bridge;
    private final Map<String, Host> hosts = new LinkedHashMap<>();

    private Hosts(Mode mode, String prefix, String subnet) {
        this.mode = mode;
        this.prefix = prefix;
        this.subnet = subnet;
        this.bridge = prefix + "br";
    }

    /** The hosts of this test JVM, made on first use; prints which mode ran. */
    public static synchronized Hosts shared() {
        if (shared == null) {
            shared = make();
            System.out.println("cluster hosts: " + shared.describe());
        }
        return shared;
    }

    public Mode mode() {
        return mode;
    }

    /** E.g. "network namespaces (10.213.7.0/24, names sf3k2f*)" or "loopback addresses (127.0.0.x)". */
    public String describe() {
        return mode == Mode.NETWORK_NAMESPACES
                ? mode.description() + " (" + subnet + "0/24, names " + prefix + "*)"
                : mode.description() + " (127.0.0.x)";
    }

    /** The address the test JVM's connections to the hosts come from (the bridge's, or loopback). */
    public String testAddress() {
        return mode == Mode.NETWORK_NAMESPACES ? subnet + "1" : "127.0.0.1";
    }

    /** The host called {@code name}, made on first use (names are short: "broker-1", "processor-2"). */
    public synchronized Host host(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            int index = hosts.size() + 1;
            host = mode == Mode.NETWORK_NAMESPACES
                    ? namespace(name, index)
                    : new Host(name, "127.0.0." + (10 + index), List.of(), null, null);
            hosts.put(name, host);
        }
        return host;
    }

    private Host namespace(String name, int index) {
        if (index > 250) {
            throw new IllegalStateException("more than 250 hosts on " + subnet + "0/24");
        }
        String namespace = prefix + "-" + name;
        String link = prefix + "h" + index;
        String address = subnet + (1 + index);
        ip("netns", "add", namespace);
        ip("link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        ip("link", "set", link, "master", bridge);
        ip("link", "set", link, "up");
        ip("-n", namespace, "link", "set", "lo", "up");
        ip("-n", namespace, "addr", "add", address + "/24", "dev", "eth0");
        ip("-n", namespace, "link", "set", "eth0", "up");
        return new Host(name, address, List.of("ip", "netns", "exec", namespace), namespace, link);
    }

    private static Hosts make() {
        String wanted = System.getProperty(MODE_PROPERTY, "auto");
        if (wanted.equals("loopback")) {
            return new Hosts(Mode.LOOPBACK_ADDRESSES, null, null);
        }
        String prefix = "sf" + Long.toString(ProcessHandle.current().pid(), 36);
        try {
            removeLeftovers(prefix);
            String subnet = freeSubnet();
            Hosts hosts = new Hosts(Mode.NETWORK_NAMESPACES, prefix, subnet);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> removeLeftovers(prefix), "cluster-hosts-remove"));
            ip("link", "add", hosts.bridge, "type", "bridge");
            ip("addr", "add", subnet + "1/24", "dev", hosts.bridge);
            ip("link", "set", hosts.bridge, "up");
            // a namespace that a process can be run in: needs root and mount rights, not only the ip tool
            String probe = prefix + "-probe";
            ip("netns", "add", probe);
            try {
                run(List.of("ip", "netns", "exec", probe, "true"));
            } finally {
                ip("netns", "del", probe);
            }
            return hosts;
        } catch (RuntimeException e) {
            if (wanted.equals("namespaces")) {
                throw e;
            }
            removeLeftovers(prefix);
            System.out.println("cluster hosts: no network namespaces here ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "), falling back to loopback addresses");
            return new Hosts(Mode.LOOPBACK_ADDRESSES, null, null);
        }
    }

    /** A 10.x.y.0/24 that no interface or route of this machine uses, starting from one this JVM's PID picks. */
    private static String freeSubnet() {
        String used = run(List.of("ip", "-4", "-o", "addr", "show")) + run(List.of("ip", "-4", "route", "show"));
        List<String> taken = new ArrayList<>();
        var matcher = IPV4.matcher(used);
        while (matcher.find()) {
            taken.add("10." + matcher.group(1) + "." + matcher.group(2) + ".");
        }
        long start = ProcessHandle.current().pid();
        for (int i = 0; i < 50 * 256; i++) {
            long n = (start + i) % (50 * 256);
            String candidate = "10." + (200 + n / 256) + "." + (n % 256) + ".";
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free 10.200-249.x.0/24 subnet");
    }

    /** Deletes every link (veths, bridge) and namespace whose name starts with {@code prefix}. */
    private static void removeLeftovers(String prefix) {
        try {
            // a veth goes with its peer, so the links first: a namespace whose processes live on keeps its own
            for (String line : run(List.of("ip", "-o", "link", "show")).split("\n")) {
                String[] fields = line.split(":\\s*", 3);
                if (fields.length >= 2) {
                    String name = fields[1].split("@", 2)[0];
                    if (name.startsWith(prefix)) {
                        runQuietly(List.of("ip", "link", "del", name));
                    }
                }
            }
            for (String line : run(List.of("ip", "netns", "list")).split("\n")) {
                String name = line.split("\\s", 2)[0];
                if (name.startsWith(prefix + "-")) {
                    runQuietly(List.of("ip", "netns", "del", name));
                }
            }
        } catch (RuntimeException e) {
            // nothing to remove where there is no ip tool
        }
    }

    static void ip(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        run(command);
    }

    /** Runs {@code command} to its end; its output, or an exception with it when it fails. */
    static String run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took more than " + COMMAND_TIMEOUT);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " exited with " + process.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void runQuietly(List<String> command) {
        try {
            run(command);
        } catch (RuntimeException e) {
            // already gone
        }
    }
}
