package io.sessionflow.bench.app;

/**
 * The app's memory over one phase (one child JVM, from start to stop).
 *
 * @param phase               which phase the app served
 * @param maxHeap             the {@code -Xmx} it ran with
 * @param peakRssBytes        {@code VmHWM} of /proc/&lt;pid&gt;/status just before it stopped: the exact peak RSS
 * @param maxSampledRssBytes  the highest {@code VmRSS} sampled
 * @param maxSampledHeapBytes the highest heap use sampled from {@code /actuator/metrics/jvm.memory.used}
 * @param samples             how many samples were taken
 * @param gc                  what its GC log says (peak heap before a collection, pauses)
 * @param outOfMemory         whether its log mentions an OutOfMemoryError
 */
public record AppMemory(
        String phase,
        String maxHeap,
        long peakRssBytes,
        long maxSampledRssBytes,
        long maxSampledHeapBytes,
        int samples,
        GcLog gc,
        boolean outOfMemory) {

    /** The peak heap occupancy known: the larger of the GC log's and the samples'. */
    public long peakHeapBytes() {
        return Math.max(gc.peakHeapBytes(), maxSampledHeapBytes);
    }
}
