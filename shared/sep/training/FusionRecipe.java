package sep.training;

import sep.data.Clip;
import sep.evaluation.Recipe;
import sep.models.ClipInput;
import sep.models.EmotionModel;
import sep.models.FusionModel;
import sep.models.SavedModel;
import sep.models.classic.Accuracy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Late fusion of finished protocol runs: for each fold, the models those runs trained on exactly this fold are loaded
 * (nothing is trained again) and their class probabilities averaged with weights chosen on the fold's validation
 * speakers (a grid over the weight simplex, best validation UA; ties go to the most even weights). The test fold
 * chooses nothing, as everywhere.
 *
 * <p>A source must have kept its validation speakers out of its final model: a classical run made with
 * {@code --refit} (its default) trained on them, so its validation probabilities would flatter it and it is refused.
 */
public final class FusionRecipe implements Recipe {
    /**
     * One fused run.
     *
     * @param run    its folder
     * @param kind   its model family (e.g. resnet, svm)
     * @param inputs what its models read (its leaderboard {@code inputs})
     */
    public record Source(Path run, String kind, String inputs) {}

    private final List<Source> sources;
    private final double gridStep;

    /**
     * @param sources  finished runs of the same protocol (same folds)
     * @param gridStep weight grid step, e.g. 0.05 (1 / step must be a whole number)
     */
    public FusionRecipe(List<Source> sources, double gridStep) {
        if (sources.size() < 2) throw new IllegalArgumentException("fuse at least two runs");
        double steps = 1 / gridStep;
        if (!(gridStep > 0 && gridStep <= 0.5) || Math.abs(steps - Math.rint(steps)) > 1e-9) {
            throw new IllegalArgumentException("--grid-step must divide 1 into whole steps (0.05, 0.1, 0.25, ...), got " + gridStep);
        }
        if (sources.size() > 3 && gridStep < 0.1) throw new IllegalArgumentException("with more than three runs use --grid-step 0.1 or more");
        this.sources = List.copyOf(sources);
        this.gridStep = gridStep;
    }

    @Override
    public String kind() {
        return String.join("+", sources.stream().map(Source::kind).toList());
    }

    @Override
    public String inputs() {
        return String.join(" + ", sources.stream().map(Source::inputs).toList());
    }

    @Override
    public Object settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fusion", "weighted mean of class probabilities, weights chosen on validation UA per fold");
        out.put("sources", sources.stream().map(s -> s.run().getFileName().toString()).toList());
        out.put("source_models", sources.stream().map(Source::kind).toList());
        out.put("grid_step", gridStep);
        return out;
    }

    @Override
    public Trained train(TrainingData data, Path foldDir, boolean resume) throws IOException {
        if (data.validation().isEmpty()) {
            throw new IllegalArgumentException("fold " + data.fold().name() + " has no validation speakers to choose fusion weights on");
        }
        Set<String> foldClips = new TreeSet<>();
        for (Clip c : data.train()) foldClips.add(c.sha256());
        for (Clip c : data.validation()) foldClips.add(c.sha256());
        List<EmotionModel> parts = new ArrayList<>();
        try {
            List<double[][]> validation = new ArrayList<>();
            List<ClipInput> inputs = data.validation().stream().map(data.features()).toList();
            double sourceSeconds = 0;
            for (Source source : sources) {
                Path run = source.run();
                Path sourceFold = run.resolve("folds").resolve(data.fold().name());
                if (!Files.isDirectory(sourceFold.resolve("model"))) {
                    throw new IllegalArgumentException(run.getFileName() + " has no model for fold " + data.fold().name()
                            + " (unfinished run, or another protocol)");
                }
                if (!Files.isRegularFile(sourceFold.resolve("validation_metrics.json"))) {
                    throw new IllegalArgumentException(run.getFileName() + " trained its final models on the validation speakers "
                            + "(sep-classic --refit): fusion weights are chosen on them, so fuse a run made with --no-refit");
                }
                sourceSeconds += sep.util.Json.read(sourceFold.resolve("fold.json")).path("train_seconds").asDouble(0);
                SavedModel saved = SavedModel.load(sourceFold.resolve("model"));
                parts.add(saved.model());
                if (!saved.trainingHashes().equals(foldClips)) {
                    throw new IllegalArgumentException(run.getFileName() + " fold " + data.fold().name() + " was trained on other clips "
                            + "than this fold's training and validation clips (other seeds or data?)");
                }
                validation.add(saved.model().predict(inputs));
            }
            int[] truth = data.validation().stream().mapToInt(data::label).toArray();
            double[] best = null;
            double bestUa = -1, bestSpread = Double.MAX_VALUE;
            for (double[] w : simplexGrid(parts.size(), (int) Math.round(1 / gridStep))) {
                double ua = Accuracy.unweighted(truth, Accuracy.argmax(FusionModel.combine(validation, w)), data.labels().size());
                double spread = spread(w);
                if (ua > bestUa + 1e-12 || (Math.abs(ua - bestUa) <= 1e-12 && spread < bestSpread)) {
                    best = w;
                    bestUa = ua;
                    bestSpread = spread;
                }
            }
            // The fusion's cost is its sources' training plus the weight search.
            return new Trained(new FusionModel(parts, best), bestUa, false, sourceSeconds);
        } catch (IOException | RuntimeException e) {
            for (EmotionModel p : parts) p.close();
            throw e;
        }
    }

    /** Every weight vector of {@code n} non-negative multiples of {@code 1/steps} summing to 1. */
    static List<double[]> simplexGrid(int n, int steps) {
        List<double[]> out = new ArrayList<>();
        fill(new int[n], 0, steps, steps, out);
        return out;
    }

    private static void fill(int[] counts, int i, int left, int steps, List<double[]> out) {
        if (i == counts.length - 1) {
            counts[i] = left;
            double[] w = new double[counts.length];
            for (int j = 0; j < w.length; j++) w[j] = counts[j] / (double) steps;
            out.add(w);
            return;
        }
        for (int c = 0; c <= left; c++) {
            counts[i] = c;
            fill(counts, i + 1, left - c, steps, out);
        }
    }

    /** Distance from equal weights: breaks ties towards the plain average. */
    private static double spread(double[] w) {
        double s = 0;
        for (double x : w) s += (x - 1.0 / w.length) * (x - 1.0 / w.length);
        return s;
    }
}
