package io.sessionflow.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.sessionflow.app.SessionApp;
import io.sessionflow.app.cluster.Host;

/**
 * The all-in-one app in a child JVM, so that a test can SIGKILL it ({@link Process#destroyForcibly()}
 * on Linux) and start it again on the same data directory. It runs {@link SessionApp} from the test
 * JVM's classpath (the repackaged jar does not exist yet during the test phase); each start writes
 * its output to its own log file, whose tail a failing test prints. It runs on a {@link Host}: the
 * test JVM's own machine unless given one of the cluster's (then its ports bind that host's address,
 * which the caller passes in its arguments).
 */
public final class ChildSessionApp implements AutoCloseable {

    private static final String READY = "sessionflow is ready on";

    private final String mainClass;
    private final String readyLine;
    private final List<String> arguments;
    private final Path logDir;
    private final List<String> launcher;
    private Process process;
    private Path log;

    ChildSessionApp(AppUnderTest settings, Path logDir) {
        this(settings.arguments(), logDir);
    }

    /** The app with these command-line arguments ({@code --name=value}), logging into {@code logDir}. */
    public ChildSessionApp(List<String> arguments, Path logDir) {
        this(SessionApp.class, READY, arguments, logDir);
    }

    /** Another app ({@code mainClass}: a standalone one), ready once its log holds {@code readyLine}. */
    public ChildSessionApp(Class<?> mainClass, String readyLine, List<String> arguments, Path logDir) {
        this(mainClass, readyLine, arguments, logDir, List.of());
    }

    /**
     * The same, run on a host of the cluster's.
     *
     * @param launcher what the java command is started through, e.g. {@code ip netns exec <name>} to run the
     *                 app on a host of its own ({@link Host#commandPrefix()}) (it must exec java, so that the process is the JVM); empty for none
     */
    public ChildSessionApp(
            Class<?> mainClass, String readyLine, List<String> arguments, Path logDir, List<String> launcher) {
        this.mainClass = mainClass.getName();
        this.readyLine = readyLine;
        this.arguments = List.copyOf(arguments);
        this.logDir = logDir;
        this.launcher = List.copyOf(launcher);
    }

    public void start(String name) {
        List<String> command = new ArrayList<>(launcher);
        // C1 only: as the README starts the all-in-one app; six standalone apps start at once on a small machine
        command.addAll(List.of(Host.java(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("-cp", classpath(), mainClass));
        command.addAll(arguments);
        log = logDir.resolve("app-" + name + ".log");
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the app in a child JVM", e);
        }
    }

    /** Waits for the app's readiness line; fails with the log's tail when it exits or takes too long. */
    public void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!logContains(readyLine)) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "The app exited with " + process.exitValue() + " before it was ready:\n" + logTail(60));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The app was not ready within " + limit + ":\n" + logTail(60));
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no leaving the consumer groups. */
    public void kill() throws InterruptedException {
        Host.requireJava(process);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("The app did not die within 30 s of SIGKILL");
        }
    }

    /** SIGTERM, a graceful stop (Spring closes the Streams app, which leaves its group), and waits for the exit. */
    public void stop(Duration limit) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The app (pid " + process.pid() + ") did not stop within " + limit
                    + " of SIGTERM:\n" + logTail(40));
        }
    }

    /** The app's JVM (on a namespace host too: {@code ip netns exec} execs it). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String logTail(int lines) {
        if (log == null || !Files.exists(log)) {
            return "(no log)";
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return log + ":\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private boolean logContains(String text) {
        try {
            return Files.exists(log)
                    && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Surefire's full test classpath (its java.class.path may be a manifest-only jar). */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
