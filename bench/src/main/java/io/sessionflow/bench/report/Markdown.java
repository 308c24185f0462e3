package io.sessionflow.bench.report;

import java.util.Locale;

import io.sessionflow.bench.load.LatencyStep;

/**
 * The pieces every section of the report is written with: a table row, numbers as the report shows them, and
 * the first error answers of a load step. Pure: writes only to the builder it is given.
 */
public final class Markdown {

    private Markdown() {}

    /** One table row: {@code | a | b | c |} and a line break; each cell as {@link String#valueOf(Object)}. */
    public static void row(StringBuilder md, Object... cells) {
        md.append("|");
        for (Object cell : cells) {
            md.append(" ").append(cell).append(" |");
        }
        md.append("\n");
    }

    /** A number with thousands separators and the given decimals; "n/a" for a figure that could not be measured. */
    public static String fmt(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value)
                ? "n/a"
                : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** A whole number with thousands separators. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A list item per error status of the step, with the first answer's body (backticks replaced). */
    public static void errorSamples(StringBuilder md, LatencyStep step) {
        step.errorSamples()
                .forEach((status, body) -> md.append("- ")
                        .append(step.rate())
                        .append(" req/s, first ")
                        .append(status)
                        .append(" answer: `")
                        .append(body.replace("`", "'"))
                        .append("`\n"));
    }
}
