package io.sessionflow.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine a run measured: what a reader needs to compare two reports. Read from
 * {@code /proc} and {@code /etc/os-release} on Linux; "unknown" where those are missing.
 */
public record Machine(
        String cpuModel, int cores, long memoryBytes, String os, String kernel, String jdk, String loadAverage) {

    public static Machine describe() {
        String cpu = field(Path.of("/proc/cpuinfo"), "model name", ":").orElse("unknown");
        long memory = field(Path.of("/proc/meminfo"), "MemTotal", ":")
                .map(value -> Long.parseLong(value.replace("kB", "").trim()) * 1024)
                .orElse(0L);
        String os = field(Path.of("/etc/os-release"), "PRETTY_NAME", "=")
                .map(v -> v.replace("\"", ""))
                .orElse(System.getProperty("os.name"));
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")";
        return new Machine(
                cpu,
                machineCores(),
                memory,
                os,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                jdk,
                currentLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages now: other work on a shared machine shows here. */
    public static String currentLoadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The machine's processors, not only those this process may run on (the bench may run under taskset). */
    private static int machineCores() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            int processors = (int) lines.filter(l -> l.startsWith("processor")).count();
            return processors > 0 ? processors : Runtime.getRuntime().availableProcessors();
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** The CPUs this process may run on ({@code Cpus_allowed_list}): fewer than the machine's under taskset. */
    public static String allowedCpus() {
        return field(Path.of("/proc/self/status"), "Cpus_allowed_list", ":").orElse("unknown");
    }

    private static Optional<String> field(Path file, String name, String separator) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int at = line.indexOf(separator);
                if (at > 0 && line.substring(0, at).trim().equals(name)) {
                    return Optional.of(line.substring(at + separator.length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return Optional.empty();
    }
}
