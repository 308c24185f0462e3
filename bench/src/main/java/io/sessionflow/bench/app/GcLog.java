package io.sessionflow.bench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the app's {@code -Xlog:gc} file says about its heap: the occupancy before each collection
 * is the heap's real peak between collections, which sampling can miss.
 *
 * @param pauses           stop-the-world pauses logged
 * @param fullPauses       of which full collections
 * @param totalPauseMillis their summed duration
 * @param maxPauseMillis   the longest
 * @param peakHeapBytes    the highest heap occupancy seen before a collection
 * @param maxAfterGcBytes  the highest occupancy left after a collection (the live set, roughly)
 * @param maxCommittedBytes the largest heap size the JVM had committed at a collection
 */
public record GcLog(
        int pauses,
        int fullPauses,
        double totalPauseMillis,
        double maxPauseMillis,
        long peakHeapBytes,
        long maxAfterGcBytes,
        long maxCommittedBytes) {

    // [1.234s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 3.456ms
    private static final Pattern PAUSE =
            Pattern.compile("GC\\(\\d+\\) (Pause .*?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([\\d.]+)ms");

    public static GcLog read(Path file) throws IOException {
        return Files.exists(file) ? parse(Files.readAllLines(file)) : parse(List.of());
    }

    public static GcLog parse(List<String> lines) {
        int pauses = 0;
        int full = 0;
        double total = 0;
        double max = 0;
        long peak = 0;
        long after = 0;
        long committed = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            pauses++;
            if (m.group(1).startsWith("Pause Full")) {
                full++;
            }
            double millis = Double.parseDouble(m.group(8));
            total += millis;
            max = Math.max(max, millis);
            peak = Math.max(peak, bytes(m.group(2), m.group(3)));
            after = Math.max(after, bytes(m.group(4), m.group(5)));
            committed = Math.max(committed, bytes(m.group(6), m.group(7)));
        }
        return new GcLog(pauses, full, total, max, peak, after, committed);
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
