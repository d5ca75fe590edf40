package sep.prediction;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The table {@code sep-predict} prints while it works: one line per file (emotion, confidence, duration, path, and the
 * status when it is not {@code ok}); with segmentation, one indented line per segment under its file's line, the file's
 * line then showing the summary (majority label, its mean probability).
 */
public final class PredictionTable {
    private final boolean segments;
    private final Consumer<String> out;

    public PredictionTable(boolean segments, Consumer<String> out) {
        this.segments = segments;
        this.out = out;
    }

    public void header() {
        out.accept(String.format(Locale.ROOT, "%-10s %6s %8s  %s", "emotion", "conf", "length", "file"));
    }

    public void print(FileResult result) {
        PredictionRow f = result.fileRow();
        String status = f.isOk() ? "" : "  [" + f.status() + "]";
        out.accept(String.format(Locale.ROOT, "%-10s %6s %8s  %s%s", f.emotion() == null ? "-" : f.emotion(), percent(f.confidence()),
                Double.isNaN(f.durationSeconds()) ? "-"
                : String.format(Locale.ROOT, f.durationSeconds() < 1 ? "%.2f s" : "%.1f s", f.durationSeconds()), f.path(), status));
        if (!segments) return;
        for (PredictionRow s : result.segments()) {
            String span = String.format(Locale.ROOT, "%.2f-%.2f s", s.startSeconds(), s.endSeconds());
            out.accept(String.format(Locale.ROOT, "  %-18s %-10s %6s%s", span, s.emotion() == null ? "-" : s.emotion(),
                    percent(s.confidence()), s.isOk() ? "" : "  [" + s.status() + "]"));
        }
    }

    private static String percent(double p) {
        return Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * p);
    }
}
