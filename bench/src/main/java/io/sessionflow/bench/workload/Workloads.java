package io.sessionflow.bench.workload;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers the harness can drive, by name. A new provider is one more entry in {@link #all}
 * (see docs/benchmarks.md, "Adding a provider").
 */
public final class Workloads {

    private Workloads() {}

    /** Every registered workload, in report order; {@code requestTimeout} bounds each HTTP call. */
    public static Map<String, ProviderWorkload> all(Duration requestTimeout) {
        Map<String, ProviderWorkload> all = new LinkedHashMap<>();
        for (ProviderWorkload workload : List.<ProviderWorkload>of(
                new ChatWorkload(requestTimeout), new AlgoregWorkload(requestTimeout),
                new ZenskarWorkload(requestTimeout), new LivePersonWorkload(requestTimeout))) {
            all.put(workload.provider(), workload);
        }
        return all;
    }

    /** The workloads named, in the order given. */
    public static List<ProviderWorkload> select(List<String> names, Duration requestTimeout) {
        Map<String, ProviderWorkload> all = all(requestTimeout);
        return names.stream()
                .map(name -> {
                    ProviderWorkload workload = all.get(name);
                    if (workload == null) {
                        throw new IllegalArgumentException("Unknown provider '" + name + "'; known: " + all.keySet());
                    }
                    return workload;
                })
                .toList();
    }
}
