package bg.nrm.service.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The benchmark's chart in plain Java2D (no plotting dependency): achieved throughput and p99 latency against
 * offered load, one line per database and scenario, both axes logarithmic.
 */
final class Chart {
    /** One measured point of a series. */
    record Point(String series, double offered, double achieved, double p99Millis) {
    }

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private Chart() {
    }

    static void write(List<Point> points, String title, Path png) throws IOException {
        int w = 1400;
        int h = 620;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 24);
        Map<String, List<Point>> bySeries = new LinkedHashMap<>();
        for (Point p : points) {
            bySeries.computeIfAbsent(p.series(), k -> new java.util.ArrayList<>()).add(p);
        }
        double minX = points.stream().mapToDouble(Point::offered).min().orElse(1);
        double maxX = points.stream().mapToDouble(Point::offered).max().orElse(10);
        double maxThroughput = points.stream().mapToDouble(p -> Math.max(p.achieved(), p.offered())).max().orElse(10);
        double minP99 = points.stream().mapToDouble(Point::p99Millis).filter(v -> v > 0).min().orElse(0.1);
        double maxP99 = points.stream().mapToDouble(Point::p99Millis).filter(Double::isFinite).max().orElse(10);
        panel(g, 60, 60, 560, 460, bySeries, minX, maxX, 1, maxThroughput, true, "throughput (answered/s) vs offered (req/s)");
        panel(g, 720, 60, 560, 460, bySeries, minX, maxX, Math.min(minP99, 1), maxP99, false, "p99 latency (ms) vs offered (req/s)");
        int y = 560;
        int x = 60;
        int i = 0;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (String series : bySeries.keySet()) {
            g.setColor(COLOURS[i++ % COLOURS.length]);
            g.fillRect(x, y - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(series, x + 18, y);
            x += 170;
            if (x > w - 170) {
                x = 60;
                y += 18;
            }
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void panel(Graphics2D g, int x0, int y0, int pw, int ph, Map<String, List<Point>> series,
                              double minX, double maxX, double minY, double maxY, boolean throughput, String label) {
        double lx0 = Math.log10(minX) - 0.05;
        double lx1 = Math.log10(maxX) + 0.05;
        double ly0 = Math.floor(Math.log10(Math.max(minY, 1e-3)));
        double ly1 = Math.ceil(Math.log10(Math.max(maxY, minY * 10)));
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(label, x0, y0 - 10);
        g.drawRect(x0, y0, pw, ph);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (double d = Math.floor(lx0); d <= lx1; d++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = Math.log10(m) + d;
                if (v < lx0 || v > lx1) {
                    continue;
                }
                int px = x0 + (int) ((v - lx0) / (lx1 - lx0) * pw);
                g.setColor(new Color(0xdddddd));
                g.drawLine(px, y0, px, y0 + ph);
                g.setColor(Color.DARK_GRAY);
                g.drawString(format(Math.pow(10, v)), px - 10, y0 + ph + 14);
            }
        }
        for (double d = ly0; d <= ly1; d++) {
            int py = y0 + ph - (int) ((d - ly0) / (ly1 - ly0) * ph);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x0, py, x0 + pw, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(format(Math.pow(10, d)), x0 - 45, py + 4);
        }
        int i = 0;
        g.setStroke(new BasicStroke(2f));
        for (List<Point> pts : series.values()) {
            g.setColor(COLOURS[i++ % COLOURS.length]);
            int px = -1;
            int py = -1;
            for (Point p : pts) {
                double v = throughput ? p.achieved() : p.p99Millis();
                if (!(v > 0) || !Double.isFinite(v)) {
                    continue;
                }
                int x = x0 + (int) ((Math.log10(p.offered()) - lx0) / (lx1 - lx0) * pw);
                int y = y0 + ph - (int) ((Math.log10(v) - ly0) / (ly1 - ly0) * ph);
                y = Math.max(y0, Math.min(y0 + ph, y));
                g.fillOval(x - 3, y - 3, 7, 7);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        if (throughput) {
            // The diagonal: every offered request answered within the step.
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f}, 0f));
            int xa = x0 + (int) ((Math.log10(minX) - lx0) / (lx1 - lx0) * pw);
            int ya = y0 + ph - (int) ((Math.log10(minX) - ly0) / (ly1 - ly0) * ph);
            int xb = x0 + (int) ((Math.log10(maxX) - lx0) / (lx1 - lx0) * pw);
            int yb = y0 + ph - (int) ((Math.log10(maxX) - ly0) / (ly1 - ly0) * ph);
            g.drawLine(xa, ya, xb, yb);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static String format(double v) {
        if (v >= 1000) {
            return String.format("%.0fk", v / 1000);
        }
        if (v >= 1) {
            return String.format("%.0f", v);
        }
        return String.format("%.2g", v);
    }
}
