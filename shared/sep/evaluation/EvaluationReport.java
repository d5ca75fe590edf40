package sep.evaluation;

import sep.reporting.ConfusionImage;
import sep.reporting.SpectrogramImage;
import sep.util.Files2;
import sep.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one report format of every evaluation in SEP: {@code <prefix>metrics.json}, {@code <prefix>confusion.csv},
 * {@code <prefix>confusion.png} and {@code <prefix>predictions.csv} (one row per clip, one probability column per
 * class in the model's label order).
 */
public final class EvaluationReport {
    private EvaluationReport() {}

    /** One scored clip: an id (key or path), its true class index and the class probabilities. */
    public record Prediction(String id, int truth, double[] probabilities) {}

    public static Metrics metricsOf(List<String> labels, List<Prediction> predictions) {
        int[] truth = predictions.stream().mapToInt(Prediction::truth).toArray();
        int[] predicted = Metrics.argmax(predictions.stream().map(Prediction::probabilities).toArray(double[][]::new));
        return Metrics.of(labels, truth, predicted);
    }

    public static Metrics write(Path dir, String prefix, String title, List<String> labels, List<Prediction> predictions)
            throws IOException {
        Metrics metrics = metricsOf(labels, predictions);
        writeMetrics(dir, prefix, title, metrics);
        StringBuilder csv = new StringBuilder("id,truth,predicted,correct");
        for (String l : labels) csv.append(",p_").append(l);
        csv.append('\n');
        for (Prediction p : predictions) {
            int predicted = Metrics.argmax(new double[][]{p.probabilities()})[0];
            csv.append(csvField(p.id())).append(',').append(labels.get(p.truth())).append(',').append(labels.get(predicted))
                    .append(',').append(predicted == p.truth());
            for (double v : p.probabilities()) csv.append(',').append(String.format(Locale.ROOT, "%.5f", v));
            csv.append('\n');
        }
        Files2.writeAtomically(dir.resolve(prefix + "predictions.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        return metrics;
    }

    /** Writes metrics.json, confusion.csv and confusion.png of already computed metrics (e.g. pooled over folds). */
    public static void writeMetrics(Path dir, String prefix, String title, Metrics metrics) throws IOException {
        Json.write(dir.resolve(prefix + "metrics.json"), toJson(metrics));
        List<String> labels = metrics.labels();
        StringBuilder csv = new StringBuilder("true\\predicted");
        for (String l : labels) csv.append(',').append(l);
        csv.append('\n');
        for (int t = 0; t < labels.size(); t++) {
            csv.append(labels.get(t));
            for (long v : metrics.confusion()[t]) csv.append(',').append(v);
            csv.append('\n');
        }
        Files2.writeAtomically(dir.resolve(prefix + "confusion.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        String heading = String.format(Locale.ROOT, "%s  WA %.1f%%  UA %.1f%%  macro-F1 %.1f%%  (n=%d)", title,
                100 * metrics.wa(), 100 * metrics.ua(), 100 * metrics.macroF1(), metrics.total());
        SpectrogramImage.save(ConfusionImage.render(labels, metrics.confusion(), heading), dir.resolve(prefix + "confusion.png"));
    }

    public static Map<String, Object> toJson(Metrics m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n", m.total());
        json.put("wa", m.wa());
        json.put("ua", m.ua());
        json.put("macro_f1", m.macroF1());
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < m.labels().size(); c++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("support", m.support()[c]);
            row.put("recall", Double.isNaN(m.recall()[c]) ? null : m.recall()[c]);
            row.put("precision", m.precision()[c]);
            row.put("f1", Double.isNaN(m.f1()[c]) ? null : m.f1()[c]);
            perClass.put(m.labels().get(c), row);
        }
        json.put("per_class", perClass);
        json.put("labels", m.labels());
        json.put("confusion", m.confusion());
        return json;
    }

    static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
