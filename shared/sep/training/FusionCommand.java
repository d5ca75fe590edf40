package sep.training;

import com.fasterxml.jackson.databind.JsonNode;
import sep.cli.ProtocolOptions;
import sep.evaluation.ProtocolRunner;
import sep.reporting.Leaderboard;
import sep.runs.RunFolder;
import sep.util.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code sep-fuse}: late fusion of finished protocol runs of the same protocol, itself a protocol run (same reports,
 * leaderboard entry named after its sources, e.g. {@code resnet+svm}).
 */
public final class FusionCommand {
    private FusionCommand() {}

    /**
     * @param runs     run ids or folders of complete protocol runs with the same dataset, labels, protocol, seeds,
     *                 preprocessing and speaker normalisation
     * @param resume   a fusion run to continue, or null
     */
    public static ProtocolRunner.Result run(List<String> runs, double gridStep, String resume, PrintStream out) throws IOException {
        if (runs == null || runs.size() < 2) throw new IllegalArgumentException("give at least two runs to fuse (--runs A,B)");
        List<FusionRecipe.Source> sources = new ArrayList<>();
        ProtocolRunner.Config config = null;
        for (String ref : runs) {
            Path dir = RunFolder.resolve(ref);
            Path manifestFile = dir.resolve("manifest.json");
            if (!Files.isRegularFile(manifestFile)) throw new IllegalArgumentException(ref + ": not a run folder (no manifest.json)");
            JsonNode manifest = Json.read(manifestFile);
            ProtocolRunner.Config c = ProtocolRunner.ofRun(dir, manifest);
            if (c == null) throw new IllegalArgumentException(ref + ": not a protocol run of sep-train or sep-classic");
            Path entryFile = dir.resolve("leaderboard_entry.json");
            JsonNode entry = Files.isRegularFile(entryFile) ? Json.read(entryFile) : null;
            if (entry == null || !entry.path("complete").asBoolean(false)) {
                throw new IllegalArgumentException(ref + ": the run did not finish all its folds (or only tested the machinery); "
                        + "finish it with --resume first");
            }
            if (config != null && !config.equals(c)) {
                throw new IllegalArgumentException("the runs were made on different protocols:\n  " + runs.get(0) + ": " + config
                        + "\n  " + ref + ": " + c);
            }
            config = c;
            sources.add(new FusionRecipe.Source(dir, sourceName(entry, manifest),
                    entry.has("inputs") ? entry.get("inputs").asText() : Leaderboard.inputsOf(manifest)));
        }
        if (sources.stream().map(FusionRecipe.Source::run).distinct().count() < sources.size()) throw new IllegalArgumentException("a run is named twice: " + runs);
        ProtocolOptions options = new ProtocolOptions();
        options.dataset = config.dataset();
        options.labels = config.labelSpace();
        options.protocol = config.protocol().id();
        options.seeds = config.seeds();
        options.maxFolds = config.maxFolds();
        options.speakerNorm = config.speakerNormalised();
        options.resume = resume;
        return ProtocolCommand.run("fuse", options, config.preprocess(), new FusionRecipe(sources, gridStep), out);
    }

    /**
     * A source's part of the fusion's name: its leaderboard name without the speaker normalisation (the fusion carries
     * that itself) and without {@code -norefit} (every classical source is one), e.g. {@code svm} or {@code resnet-mixup-0.4}.
     */
    static String sourceName(JsonNode entry, JsonNode manifest) {
        String name = entry.path("model").asText(manifest.path("config").path("model").asText("model"));
        if (name.endsWith(SPKNORM)) name = name.substring(0, name.length() - SPKNORM.length());
        return name.endsWith(NOREFIT) ? name.substring(0, name.length() - NOREFIT.length()) : name;
    }

    private static final String SPKNORM = ProtocolRunner.SPEAKER_NORMALISED_SUFFIX;
    private static final String NOREFIT = ClassicRecipe.NOREFIT_SUFFIX;

    /**
     * The newest complete run of each model on a protocol (as the leaderboard counts them), for fusing by model
     * name instead of run id. Models are named as in the leaderboard ({@code resnet}, {@code svm-norefit}); with
     * {@code speakerNorm} their speaker-normalised runs are meant.
     *
     * @throws IllegalArgumentException naming every model that has no such run
     */
    public static List<String> newestRuns(Path runsDir, List<String> models, String dataset, String protocol, String labels,
                                          boolean speakerNorm) throws IOException {
        if (models == null || models.size() < 2) throw new IllegalArgumentException("give at least two models to fuse (--models A,B)");
        List<JsonNode> entries = Leaderboard.collect(runsDir);
        List<String> runs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String model : models) {
            String name = model.trim() + (speakerNorm ? SPKNORM : "");
            entries.stream()
                    .filter(e -> e.path("model").asText().equals(name) && e.path("dataset").asText().equals(dataset)
                            && e.path("protocol").asText().equals(protocol) && e.path("label_space").asText().equals(labels))
                    // on several inputs (acoustic v1 and v2) the newest run: never the best-scoring one
                    .map(e -> e.path("run").asText())
                    .max(Comparator.naturalOrder())
                    .ifPresentOrElse(runs::add, () -> missing.add(name));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no finished " + dataset + " " + protocol + " (" + labels + ") run of " + String.join(", ", missing)
                    + " under " + runsDir + "; make it first (sep-train, or sep-classic --no-refit for a classical source"
                    + (speakerNorm ? ", both with --speaker-norm" : "") + ")");
        }
        return runs;
    }
}
