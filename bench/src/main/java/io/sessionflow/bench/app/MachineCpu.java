package io.sessionflow.bench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole machine's CPU over a stretch of a run, from the aggregate {@code cpu} line of {@code /proc/stat}: every
 * process counts (the app, its embedded broker, the bench's own clients, a Kafka tool), so that two workloads on the
 * same machine compare by what each costs the machine, whoever does the work.
 */
public final class MachineCpu {

    private MachineCpu() {}

    /**
     * Counters at one moment, in the kernel's ticks.
     *
     * @param busyTicks  every state but idle and iowait, summed over the machine's CPUs
     * @param totalTicks every state
     * @param cpus       the machine's CPUs ({@code cpuN} lines)
     * @param at         when read
     */
    public record Sample(long busyTicks, long totalTicks, int cpus, Instant at) {

        /** What the machine did from this sample to a later one. */
        public Usage until(Sample later) {
            long total = later.totalTicks - totalTicks;
            double busyShare = total <= 0 ? Double.NaN : (double) (later.busyTicks - busyTicks) / total;
            return new Usage(busyShare, Duration.between(at, later.at).toNanos() / 1e9, cpus);
        }
    }

    /**
     * @param busyShare   the share of the machine's CPU time that was busy, 0 to 1
     * @param wallSeconds how long
     * @param cpus        the machine's CPUs
     */
    public record Usage(double busyShare, double wallSeconds, int cpus) {

        /** CPU seconds the machine spent, all processes together. */
        public double busySeconds() {
            return busyShare * wallSeconds * cpus;
        }

        /** The machine's CPU per unit of work (a record, a session), in microseconds. */
        public double microsEach(long units) {
            return units <= 0 ? Double.NaN : busySeconds() * 1e6 / units;
        }
    }

    /** @return the counters now, or null where {@code /proc/stat} cannot be read (not Linux) */
    public static Sample sample() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")), Instant.now());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return the usage between two samples, or null if either is missing */
    public static Usage between(Sample from, Sample to) {
        return from == null || to == null ? null : from.until(to);
    }

    /** Reads the {@code cpu} line: user nice system idle iowait irq softirq steal (guest time is inside user). */
    static Sample parse(List<String> procStat, Instant at) {
        long busy = -1;
        long total = 0;
        int cpus = 0;
        for (String line : procStat) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].equals("cpu")) {
                long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                for (int i = 1; i <= 8 && i < fields.length; i++) {
                    total += Long.parseLong(fields[i]);
                }
                busy = total - idle;
            } else if (fields[0].startsWith("cpu")) {
                cpus++;
            }
        }
        if (busy < 0 || cpus == 0) {
            throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
        }
        return new Sample(busy, total, cpus, at);
    }

    /**
     * Samples every {@value #RECORDER_MILLIS} ms from its start until closed, for a stretch whose ends are known only
     * afterwards (the pipeline's first decision is read back from its topic).
     */
    public static final class Recorder implements AutoCloseable {

        static final long RECORDER_MILLIS = 100;

        private final List<Sample> samples = new ArrayList<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "machine-cpu");
            thread.setDaemon(true);
            return thread;
        });

        public Recorder() {
            timer.scheduleAtFixedRate(this::record, 0, RECORDER_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void record() {
            Sample sample = sample();
            if (sample != null) {
                synchronized (samples) {
                    samples.add(sample);
                }
            }
        }

        /**
         * @return the usage from the last sample at or before {@code from} to the first at or after {@code to}, or
         *     null where the samples do not cover the stretch
         */
        public Usage between(Instant from, Instant to) {
            synchronized (samples) {
                return usage(samples, from, to);
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
            record();
        }

        static Usage usage(List<Sample> samples, Instant from, Instant to) {
            Sample start = null;
            Sample end = null;
            for (Sample sample : samples) {
                if (!sample.at().isAfter(from)) {
                    start = sample;
                }
                if (end == null && !sample.at().isBefore(to)) {
                    end = sample;
                }
            }
            return MachineCpu.between(start, end);
        }
    }
}
