package io.sessionflow.bench.sustainable;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.sessionflow.bench.load.LatencyStep;

/**
 * The sustainable-rate search as a Markdown section of the report: per provider its probes, the rate found
 * and its confirmation. Pure: the same results give the same text.
 */
public final class SustainableRateReport {

    public static final String HEADING = "## The highest sustainable rate";

    private SustainableRateReport() {}

    public static String render(List<SustainableRateResult> results, SustainableRateSearch.Settings settings) {
        StringBuilder md = new StringBuilder("\n").append(HEADING).append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Per provider, on the latency phase's app: open-loop probes of %d s bisect between %,d and %,d "
                        + "req/s (at most %d probes, until the bracket is within %.0f%% of its lower end); a rate "
                        + "is sustained when every call succeeded, p99 ≤ %d ms and at least %.0f%% of the schedule "
                        + "was sent. The rate found is then held for %d s: the confirmation.%n%n",
                settings.probe().toSeconds(),
                settings.from(),
                settings.to(),
                settings.probes(),
                settings.resolution() * 100,
                settings.p99().toMillis(),
                SustainableRateSearch.ACHIEVED_SHARE * 100,
                settings.confirm().toSeconds()));
        md.append("| provider | highest sustainable rate (req/s) | confirmation: seconds | p50 ms | p99 ms "
                + "| errors | confirmed | probes (req/s: p99 ms, errors) |\n"
                + "| --- | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
        for (SustainableRateResult r : results) {
            LatencyStep c = r.confirmation();
            md.append("| ")
                    .append(r.provider())
                    .append(" | **")
                    .append(String.format(Locale.ROOT, "%,d", r.rate()))
                    .append("** | ")
                    .append(c == null ? "" : Long.toString(c.plannedSeconds()))
                    .append(" | ")
                    .append(c == null ? "" : fmt(c.latencyMillis(50)))
                    .append(" | ")
                    .append(c == null ? "" : fmt(c.latencyMillis(99)))
                    .append(" | ")
                    .append(c == null ? "" : errors(c.errors()))
                    .append(" | ")
                    .append(c == null ? "no rate sustained" : r.confirmed() ? "yes" : "**no**")
                    .append(" | ")
                    .append(r.probes().stream()
                            .map(p -> String.format(
                                    Locale.ROOT, "%,d: %s, %s", p.rate(), fmt(p.latencyMillis(99)), errors(p.errors())))
                            .collect(Collectors.joining("; ")))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String fmt(double millis) {
        return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String errors(Map<String, Long> errors) {
        return errors.isEmpty()
                ? "none"
                : errors.entrySet().stream()
                        .map(e -> e.getKey() + " × " + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}
