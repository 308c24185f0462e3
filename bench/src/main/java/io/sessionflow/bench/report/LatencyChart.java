package io.sessionflow.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

import io.sessionflow.bench.load.LatencyStep;

/**
 * Draws create-session latency percentiles by request rate as a PNG, with plain java.awt (headless):
 * one panel per provider, x the scheduled rate, y the latency on a log scale, one line per percentile
 * (p50, p90, p99, p99.9, max), and the p99 target as a dashed line. No charting library: five lines
 * on two axes do not need one, and the harness keeps its dependencies to what it measures with.
 */
public final class LatencyChart {

    private static final int WIDTH = 1000;
    private static final int PANEL_HEIGHT = 480;
    private static final int LEFT = 80;
    private static final int RIGHT = 160;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};
    private static final String[] LABELS = {"p50", "p90", "p99", "p99.9", "max"};
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0xd62728), new Color(0x7f7f7f)
    };

    private LatencyChart() {}

    public static void write(List<LatencyStep> steps, Path file) throws IOException {
        List<String> providers =
                steps.stream().map(LatencyStep::provider).distinct().toList();
        int panels = Math.max(1, providers.size());
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * panels, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            if (providers.isEmpty()) {
                g.setColor(Color.BLACK);
                g.drawString("No latency step was measured.", LEFT, TOP);
            }
            for (int i = 0; i < providers.size(); i++) {
                String provider = providers.get(i);
                panel(
                        g,
                        provider,
                        steps.stream()
                                .filter(s -> s.provider().equals(provider))
                                .toList(),
                        i * PANEL_HEIGHT);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, String provider, List<LatencyStep> steps, int top) {
        int x0 = LEFT;
        int x1 = WIDTH - RIGHT;
        int y0 = top + PANEL_HEIGHT - BOTTOM;
        int y1 = top + TOP;
        int maxRate = steps.stream().mapToInt(LatencyStep::rate).max().orElse(1);
        double xMax = niceCeiling(maxRate * 1.05);
        double lowest = Double.MAX_VALUE;
        double highest = Targets.P99_MILLIS;
        for (LatencyStep s : steps) {
            for (double p : PERCENTILES) {
                double v = s.latencyMillis(p);
                if (!Double.isNaN(v) && v > 0) {
                    lowest = Math.min(lowest, v);
                    highest = Math.max(highest, v);
                }
            }
        }
        if (lowest == Double.MAX_VALUE) {
            lowest = 1;
        }
        double logMin = Math.floor(Math.log10(Math.max(lowest, 0.001)));
        double logMax = Math.ceil(Math.log10(highest * 1.01));
        if (logMax <= logMin) {
            logMax = logMin + 1;
        }

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(
                "Create-session latency by rate: " + provider + " (open loop, from intended send time)", x0, top + 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        // grid and y labels: one line per power of ten, light lines at 2 and 5
        for (double e = logMin; e <= logMax; e++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = m * Math.pow(10, e);
                double lv = Math.log10(v);
                if (lv > logMax) {
                    break;
                }
                int y = yFor(lv, logMin, logMax, y0, y1);
                g.setColor(m == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
                g.drawLine(x0, y, x1, y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(label(v), x0 - 8 - g.getFontMetrics().stringWidth(label(v)), y + 4);
            }
        }
        // x ticks at the measured rates
        for (LatencyStep s : steps) {
            int x = xFor(s.rate(), xMax, x0, x1);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, y0, x, y1);
            g.setColor(Color.DARK_GRAY);
            String text = Integer.toString(s.rate());
            g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y0 + 18);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("0", x0 - g.getFontMetrics().stringWidth("0") / 2, y0 + 18);
        g.setColor(Color.BLACK);
        g.drawLine(x0, y0, x1, y0);
        g.drawLine(x0, y0, x0, y1);
        g.drawString("requests per second (scheduled)", (x0 + x1) / 2 - 90, y0 + 40);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("latency, ms (log scale)", -(y0 + y1) / 2 - 60, x0 - 55);
        rotated.dispose();

        // the p99 target
        Stroke solid = g.getStroke();
        int yTarget = yFor(Math.log10(Targets.P99_MILLIS), logMin, logMax, y0, y1);
        g.setColor(new Color(0xd62728));
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
        g.drawLine(x0, yTarget, x1, yTarget);
        g.setStroke(solid);
        g.drawString("p99 target " + label(Targets.P99_MILLIS) + " ms", x1 + 10, yTarget + 4);

        // one line per percentile
        g.setStroke(new BasicStroke(2f));
        for (int p = 0; p < PERCENTILES.length; p++) {
            g.setColor(COLORS[p]);
            int px = -1;
            int py = -1;
            for (LatencyStep s : steps) {
                double v = s.latencyMillis(PERCENTILES[p]);
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                int x = xFor(s.rate(), xMax, x0, x1);
                int y = yFor(Math.log10(v), logMin, logMax, y0, y1);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            int ly = y1 + 20 + p * 20;
            g.fillRect(x1 + 10, ly - 9, 14, 10);
            g.drawString(LABELS[p], x1 + 30, ly);
        }
        g.setStroke(solid);
    }

    private static int xFor(double rate, double xMax, int x0, int x1) {
        return x0 + (int) Math.round(rate / xMax * (x1 - x0));
    }

    private static int yFor(double logValue, double logMin, double logMax, int y0, int y1) {
        return y0 - (int) Math.round((logValue - logMin) / (logMax - logMin) * (y0 - y1));
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double millis) {
        if (millis >= 1) {
            return String.format(Locale.ROOT, "%,.0f", millis);
        }
        return BigDecimal.valueOf(millis)
                .round(new MathContext(2))
                .stripTrailingZeros()
                .toPlainString();
    }
}
