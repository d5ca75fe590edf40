package sep.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import sep.util.Files2;
import sep.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gathers the finished protocol runs under {@code runs/} into {@code results/leaderboard.json} and
 * {@code results/leaderboard.md}. Per (model, inputs, dataset, protocol, label space) the newest finished run counts
 * (never the best of several: a configuration is fixed before its test numbers are seen). Each counted run's
 * manifest and summary pictures are copied to {@code results/runs/<run id>/} so every number stays traceable.
 */
public final class Leaderboard {
    private Leaderboard() {}

    static final List<String> SUMMARY_FILES = List.of("manifest.json", "leaderboard_entry.json", "pooled_metrics.json",
            "pooled_confusion.csv", "pooled_confusion.png");

    public static List<JsonNode> collect(Path runsDir) throws IOException {
        Map<String, JsonNode> newest = new LinkedHashMap<>();
        if (!Files.isDirectory(runsDir)) return List.of();
        List<Path> runs;
        try (Stream<Path> s = Files.list(runsDir)) {
            runs = s.filter(p -> Files.isRegularFile(p.resolve("leaderboard_entry.json"))).sorted().toList();
        }
        for (Path run : runs) {
            JsonNode manifest = Json.read(run.resolve("manifest.json"));
            if (!"ok".equals(manifest.path("status").asText())) continue;
            JsonNode entry = Json.read(run.resolve("leaderboard_entry.json"));
            if (!entry.path("complete").asBoolean(false)) continue;
            // Runs made before entries named their input, and the first fusions (which wrote "?" for a deep source).
            if (!entry.has("inputs") || entry.get("inputs").asText().contains("?")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) entry).put("inputs", inputsOf(manifest, runsDir));
            }
            // A recogniser on other inputs (acoustic v1 against v2) is another recipe, not a newer run of the same one.
            String key = entry.path("model").asText() + "|" + entry.path("inputs").asText() + "|" + entry.path("dataset").asText()
                    + "|" + entry.path("protocol").asText() + "|" + entry.path("label_space").asText();
            newest.put(key, entry); // sorted by run id = start time: later runs replace earlier ones
        }
        List<JsonNode> entries = new ArrayList<>(newest.values());
        entries.sort(Comparator.comparing((JsonNode e) -> e.path("dataset").asText())
                .thenComparing(e -> e.path("protocol").asText())
                .thenComparing(e -> e.path("label_space").asText())
                .thenComparing(e -> -e.path("ua_mean").asDouble()));
        return entries;
    }

    /**
     * What the models of a run read, for runs made before entries said so: acoustic features (the set named in the
     * recipe; before sets had names there was only v1, 157 features) or log-mels.
     */
    public static String inputsOf(JsonNode manifest, Path runsDir) throws IOException {
        JsonNode sources = manifest.path("config").path("recipe").path("sources");
        if (!sources.isArray() || sources.isEmpty()) return inputsOf(manifest);
        List<String> parts = new ArrayList<>();
        for (JsonNode source : sources) {
            Path run = runsDir.resolve(source.asText());
            Path entry = run.resolve("leaderboard_entry.json");
            String inputs = Files.isRegularFile(entry) ? Json.read(entry).path("inputs").asText("") : "";
            if (inputs.isEmpty() && Files.isRegularFile(run.resolve("manifest.json"))) inputs = inputsOf(Json.read(run.resolve("manifest.json")));
            parts.add(inputs.isEmpty() ? "?" : inputs);
        }
        return String.join(" + ", parts);
    }

    /** As {@link #inputsOf(JsonNode, Path)} for a run that is no fusion. */
    public static String inputsOf(JsonNode manifest) {
        JsonNode recipe = manifest.path("config").path("recipe");
        if (recipe.has("classifier") && recipe.has("features")) {
            return "acoustic " + recipe.get("features").asText() + " (" + recipe.path("feature_count").asInt() + ")";
        }
        if (recipe.has("classifier") || recipe.has("c_grid")) return "acoustic v1 (157)";
        int mels = manifest.path("config").path("protocol").path("preprocess").path("log_mel").path("n_mels").asInt(0);
        return mels > 0 ? "log-mel " + mels : "";
    }

    /** Writes the leaderboard files and returns their entries. */
    public static List<JsonNode> write(Path runsDir, Path resultsDir) throws IOException {
        List<JsonNode> entries = collect(runsDir);
        ArrayNode array = Json.MAPPER.createArrayNode();
        entries.forEach(array::add);
        Files.createDirectories(resultsDir);
        Json.write(resultsDir.resolve("leaderboard.json"), array);
        Files2.writeAtomically(resultsDir.resolve("leaderboard.md"), markdown(entries).getBytes(StandardCharsets.UTF_8));
        for (JsonNode e : entries) {
            String run = e.path("run").asText();
            Path target = resultsDir.resolve("runs").resolve(run);
            Files.createDirectories(target);
            for (String name : SUMMARY_FILES) {
                Path source = runsDir.resolve(run).resolve(name);
                if (Files.isRegularFile(source)) Files.copy(source, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return entries;
    }

    static String markdown(List<JsonNode> entries) {
        StringBuilder md = new StringBuilder("# Leaderboard\n\n");
        md.append("Made by `sep-report` from the run folders named in the last column (their manifests and pooled confusion "
                + "matrices are in `results/runs/`). UA = unweighted accuracy (mean per-class recall), WA = weighted accuracy, "
                + "F1 = macro-F1; mean ± sd over folds, and UA pooled over all folds' predictions. Test folds were never used "
                + "for any choice. Models named `+spknorm` normalise each speaker's inputs with statistics of all that "
                + "speaker's recordings (labels unused; `--speaker-norm`): transductive, since it needs a batch of each test "
                + "speaker's recordings, and marked so.\n\n");
        md.append("| dataset | protocol | labels | model | input | folds | UA | WA | F1 | UA pooled | train time | run |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode e : entries) {
            int folds = e.path("folds").asInt();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s%s | %s | %d | %s | %s | %.1f | %.1f | %s | %s |%n",
                    e.path("dataset").asText(), e.path("protocol").asText(), e.path("label_space").asText(), e.path("model").asText(),
                    e.path("transductive").asBoolean() ? " (transductive)" : "", e.path("inputs").asText(), folds,
                    meanSd(e.path("ua_mean").asDouble(), e.path("ua_std").asDouble(), folds),
                    meanSd(e.path("wa_mean").asDouble(), e.path("wa_std").asDouble(), folds),
                    100 * e.path("macro_f1_mean").asDouble(), 100 * e.path("ua_pooled").asDouble(),
                    duration(e.path("train_seconds").asDouble()), e.path("run").asText()));
        }
        return md.toString();
    }

    /** "70.3 ± 11.7" in percent; a single fold has no spread to show. */
    static String meanSd(double mean, double sd, int folds) {
        return folds > 1 ? String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * sd) : String.format(Locale.ROOT, "%.1f", 100 * mean);
    }

    static String duration(double seconds) {
        if (seconds < 90) return String.format(Locale.ROOT, "%.0f s", seconds);
        if (seconds < 5400) return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
