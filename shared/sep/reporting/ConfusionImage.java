package sep.reporting;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** A confusion matrix as a picture: rows = true class, columns = predicted, cells shaded by row share (recall). */
public final class ConfusionImage {
    private ConfusionImage() {}

    public static BufferedImage render(List<String> labels, long[][] confusion, String title) {
        int k = labels.size();
        int cell = k > 7 ? 62 : 72;
        int left = 110, top = 70, right = 20, bottom = 100;
        int size = k * cell;
        BufferedImage image = new BufferedImage(left + size + right, top + size + bottom, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        // Long titles (fusions, protocols, figures) get a smaller font rather than being cut off at the edge.
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        for (int points = 13; points >= 9 && g.getFontMetrics(titleFont).stringWidth(title) > image.getWidth() - 20; points--) {
            titleFont = new Font(Font.SANS_SERIF, Font.BOLD, points);
        }
        g.setFont(titleFont);
        g.setColor(Color.BLACK);
        g.drawString(title, 10, 22);
        Font cellFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        Font smallFont = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        for (int t = 0; t < k; t++) {
            long rowSum = 0;
            for (long v : confusion[t]) rowSum += v;
            for (int p = 0; p < k; p++) {
                double share = rowSum == 0 ? 0 : confusion[t][p] / (double) rowSum;
                int x = left + p * cell, y = top + t * cell;
                g.setColor(blue(share));
                g.fillRect(x, y, cell, cell);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                g.setFont(cellFont);
                String pct = rowSum == 0 ? "-" : String.format("%.0f%%", 100 * share);
                centre(g, pct, x + cell / 2, y + cell / 2 - 2);
                g.setFont(smallFont);
                centre(g, "n=" + confusion[t][p], x + cell / 2, y + cell / 2 + 14);
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i <= k; i++) {
            g.drawLine(left, top + i * cell, left + size, top + i * cell);
            g.drawLine(left + i * cell, top, left + i * cell, top + size);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < k; i++) {
            String label = labels.get(i);
            g.drawString(label, left - 8 - fm.stringWidth(label), top + i * cell + cell / 2 + 4);
            Graphics2D r = (Graphics2D) g.create();
            r.translate(left + i * cell + cell / 2 + 4, top + size + 8);
            r.rotate(Math.PI / 4);
            r.drawString(label, 0, 0);
            r.dispose();
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString("predicted", left + size / 2 - 30, top + size + bottom - 8);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString("true", -(top + size / 2 + 12), 14);
        r.dispose();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("cells: share of the true class (row), n = clips", 10, 42);
        g.dispose();
        return image;
    }

    private static void centre(Graphics2D g, String s, int cx, int cy) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, cx - fm.stringWidth(s) / 2, cy + fm.getAscent() / 2 - 2);
    }

    private static Color blue(double share) {
        // White to dark blue.
        int r = (int) Math.round(247 - share * (247 - 8));
        int g = (int) Math.round(251 - share * (251 - 48));
        int b = (int) Math.round(255 - share * (255 - 107));
        return new Color(r, g, b);
    }
}
