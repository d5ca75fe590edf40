package sep.reporting;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders a log-mel spectrogram (rows = mel bands, low to high; columns = frames) as a PNG with a perceptual
 * colour map (viridis), time axis in seconds, band axis and a dB colour bar. Used by reports and the web UI.
 */
public final class SpectrogramImage {
    private SpectrogramImage() {}

    private static final int LEFT = 60, RIGHT = 80, TOP = 30, BOTTOM = 45;
    /** Short clips keep this plot width (blank on the right) so titles fit and stacked panels share one time scale. */
    private static final int MIN_PLOT_WIDTH = 520;

    /**
     * @param db          values, [mel][frame]
     * @param vmin        value drawn at the bottom of the colour map (e.g. -80 dB)
     * @param vmax        value drawn at the top (e.g. 0 dB)
     * @param framesPerSecond frames per second, to label the time axis
     */
    public static BufferedImage render(float[][] db, double vmin, double vmax, String title, double framesPerSecond,
                                       String unit, int pixelsPerFrame, int pixelsPerBand) {
        int mels = db.length;
        int frames = db[0].length;
        int dataW = Math.max(1, frames * pixelsPerFrame);
        int plotW = Math.max(dataW, MIN_PLOT_WIDTH);
        int plotH = Math.max(1, mels * pixelsPerBand);
        BufferedImage image = new BufferedImage(LEFT + plotW + RIGHT, TOP + plotH + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int m = 0; m < mels; m++) {
            int y0 = TOP + plotH - (m + 1) * pixelsPerBand; // low bands at the bottom
            for (int t = 0; t < frames; t++) {
                double u = (db[m][t] - vmin) / (vmax - vmin);
                int rgb = viridis(u);
                for (int dy = 0; dy < pixelsPerBand; dy++) {
                    for (int dx = 0; dx < pixelsPerFrame; dx++) image.setRGB(LEFT + t * pixelsPerFrame + dx, y0 + dy, rgb);
                }
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT - 1, TOP - 1, dataW + 1, plotH + 1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        // Time ticks every 0.5 s (or 1 s for long clips).
        double seconds = frames / framesPerSecond;
        double step = seconds > 6 ? 1.0 : 0.5;
        for (double s = 0; s <= seconds + 1e-9; s += step) {
            int x = LEFT + (int) Math.round(s * framesPerSecond * pixelsPerFrame);
            g.drawLine(x, TOP + plotH, x, TOP + plotH + 4);
            g.drawString(String.format("%.1f", s), x - 8, TOP + plotH + 17);
        }
        g.drawString("time (s)", LEFT + dataW / 2 - 20, TOP + plotH + 36);
        for (int m = 0; m <= mels; m += Math.max(16, mels / 8)) {
            int y = TOP + plotH - m * pixelsPerBand;
            g.drawLine(LEFT - 4, y, LEFT, y);
            g.drawString(Integer.toString(m), LEFT - 28, y + 4);
        }
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("mel band", -(TOP + plotH / 2 + 25), 16);
        rotated.dispose();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, LEFT, 20);
        // Colour bar.
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int barX = LEFT + plotW + 15;
        for (int y = 0; y < plotH; y++) {
            g.setColor(new Color(viridis(1.0 - y / (double) (plotH - 1))));
            g.drawLine(barX, TOP + y, barX + 12, TOP + y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format("%.0f %s", vmax, unit), barX + 15, TOP + 10);
        g.drawString(String.format("%.0f %s", vmin, unit), barX + 15, TOP + plotH);
        g.dispose();
        return image;
    }

    public static void save(BufferedImage image, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    // Viridis, sampled at 9 points and interpolated linearly: perceptually uniform and readable in grey.
    private static final int[][] VIRIDIS = {
            {68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142}, {33, 144, 141},
            {39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37}};

    static int viridis(double u) {
        if (Double.isNaN(u)) u = 0;
        u = Math.max(0, Math.min(1, u));
        double pos = u * (VIRIDIS.length - 1);
        int i = Math.min((int) pos, VIRIDIS.length - 2);
        double f = pos - i;
        int r = (int) Math.round(VIRIDIS[i][0] + f * (VIRIDIS[i + 1][0] - VIRIDIS[i][0]));
        int gr = (int) Math.round(VIRIDIS[i][1] + f * (VIRIDIS[i + 1][1] - VIRIDIS[i][1]));
        int b = (int) Math.round(VIRIDIS[i][2] + f * (VIRIDIS[i + 1][2] - VIRIDIS[i][2]));
        return (r << 16) | (gr << 8) | b;
    }
}
