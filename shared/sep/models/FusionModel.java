package sep.models;

import com.fasterxml.jackson.databind.JsonNode;
import sep.util.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Late fusion: a weighted mean of the class probabilities of several trained models of the same label space (for
 * example a ResNet on log-mels and an SVM on acoustic features). Each part reads the input it was trained on; the
 * weights are chosen elsewhere ({@code sep.training.FusionRecipe}, on validation speakers) and saved with the parts.
 */
public final class FusionModel implements EmotionModel {
    public static final String KIND = "fusion";
    private static final String PART_PREFIX = "part-";

    private final List<EmotionModel> parts;
    private final double[] weights;

    /**
     * @param parts   models with identical {@link #labels()}; the fusion owns them and closes them
     * @param weights one non-negative weight per part, summing to 1
     */
    public FusionModel(List<EmotionModel> parts, double[] weights) {
        if (parts == null || parts.size() < 2) throw new IllegalArgumentException("a fusion needs at least two models");
        if (weights == null || weights.length != parts.size()) {
            throw new IllegalArgumentException("one weight per model: " + parts.size() + " models, "
                    + (weights == null ? 0 : weights.length) + " weights");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("weights must be finite and >= 0: " + java.util.Arrays.toString(weights));
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-6) throw new IllegalArgumentException("weights must sum to 1: " + java.util.Arrays.toString(weights));
        for (EmotionModel p : parts) {
            if (!p.labels().equals(parts.get(0).labels())) {
                throw new IllegalArgumentException("the models predict different labels: " + parts.get(0).labels() + " and " + p.labels());
            }
        }
        this.parts = List.copyOf(parts);
        this.weights = weights.clone();
    }

    public List<EmotionModel> parts() {
        return parts;
    }

    public double[] weights() {
        return weights.clone();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> labels() {
        return parts.get(0).labels();
    }

    @Override
    public double[][] predictLogMel(List<float[][]> logMelDb) {
        List<double[][]> each = new ArrayList<>();
        for (EmotionModel p : parts) each.add(p.predictLogMel(logMelDb));
        return combine(each, weights);
    }

    @Override
    public double[][] predict(List<? extends ClipInput> inputs) {
        List<double[][]> each = new ArrayList<>();
        for (EmotionModel p : parts) each.add(p.predict(inputs));
        return combine(each, weights);
    }

    /** The weighted mean of the parts' probability rows (each row of the result sums to 1). */
    public static double[][] combine(List<double[][]> probabilities, double[] weights) {
        int n = probabilities.get(0).length;
        int k = n == 0 ? 0 : probabilities.get(0)[0].length;
        double[][] out = new double[n][k];
        for (int m = 0; m < probabilities.size(); m++) {
            double[][] p = probabilities.get(m);
            if (p.length != n) throw new IllegalArgumentException("the models returned different numbers of rows");
            for (int i = 0; i < n; i++) for (int c = 0; c < k; c++) out[i][c] += weights[m] * p[i][c];
        }
        return out;
    }

    @Override
    public void save(Path dir) throws IOException {
        List<Map<String, Object>> described = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Path partDir = dir.resolve(PART_PREFIX + i);
            java.nio.file.Files.createDirectories(partDir);
            parts.get(i).save(partDir);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("folder", PART_PREFIX + i);
            d.put("kind", parts.get(i).kind());
            d.put("weight", weights[i]);
            described.add(d);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("kind", KIND);
        manifest.put("labels", labels());
        manifest.put("input", "whatever each part reads (log-mel, acoustic features)");
        manifest.put("parts", described);
        Json.write(dir.resolve(ModelStore.MODEL_JSON), manifest);
    }

    public static EmotionModel load(Path dir, JsonNode manifest) throws IOException {
        JsonNode described = manifest.path("parts");
        if (!described.isArray() || described.size() < 2) throw new IOException(dir + ": a fusion model.json lists at least two parts");
        List<EmotionModel> parts = new ArrayList<>();
        double[] weights = new double[described.size()];
        try {
            for (int i = 0; i < described.size(); i++) {
                String folder = described.get(i).path("folder").asText();
                if (!folder.matches(PART_PREFIX + "\\d+")) throw new IOException(dir + ": bad part folder \"" + folder + "\"");
                parts.add(ModelStore.load(dir.resolve(folder)));
                weights[i] = described.get(i).path("weight").asDouble(Double.NaN);
            }
            return new FusionModel(parts, weights);
        } catch (IOException | RuntimeException e) {
            for (EmotionModel p : parts) p.close();
            throw e instanceof IOException io ? io : new IOException(dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (EmotionModel p : parts) p.close();
    }
}
