package sep.training;

import sep.cli.ProtocolOptions;
import sep.data.ClipDigest;
import sep.evaluation.DatasetInputs;
import sep.evaluation.ProtocolRunner;
import sep.evaluation.Recipe;
import sep.features.FeatureCache;
import sep.features.PreprocessConfig;
import sep.runs.RunFolder;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code sep-train} and {@code sep-classic} share: one protocol run of one recipe, in a (resumable) run folder. */
public final class ProtocolCommand {
    private ProtocolCommand() {}

    public static ProtocolRunner.Result run(String script, ProtocolOptions options, PreprocessConfig preprocess, Recipe recipe,
                                            PrintStream out) throws IOException {
        var config = new ProtocolRunner.Config(options.dataset, options.labels, options.protocol(), options.seeds, preprocess,
                options.maxFolds, options.speakerNorm);
        Map<String, Object> manifestConfig = new LinkedHashMap<>();
        manifestConfig.put("model", recipe.kind());
        manifestConfig.put("protocol", config);
        manifestConfig.put("recipe", recipe.settings());
        RunFolder run = options.resume == null
                ? RunFolder.create(script, recipe.name() + (options.speakerNorm ? "-spknorm" : "") + "-"
                        + options.dataset.replace("->", "-to-") + "-" + options.protocol,
                manifestConfig, options.seeds.get(0))
                : RunFolder.reopen(RunFolder.resolve(options.resume), manifestConfig);
        out.println("run folder " + run.dir());
        try {
            DatasetInputs inputs = new DatasetInputs(List.of(options.dataset), preprocess, FeatureCache.standard(), true)
                    .speakerNormalised(options.speakerNorm);
            for (String part : List.of(options.dataset.split("->"))) {
                run.data(part, Map.of("clips", inputs.clips(part).size(), "sha256", ClipDigest.of(inputs.clips(part))));
            }
            ProtocolRunner.Result result = ProtocolRunner.run(config, recipe, run, inputs, options.resume != null, out::println);
            run.finish("ok");
            Map<String, Object> e = result.leaderboardEntry();
            out.printf(Locale.ROOT, "%s %s %s %s: UA %.1f%% ± %.1f (pooled %.1f%%), WA %.1f%%, macro-F1 %.1f%% over %d fold(s)%s%n",
                    e.get("model"), e.get("dataset"), e.get("protocol"), e.get("label_space"), 100 * (double) e.get("ua_mean"),
                    100 * (double) e.get("ua_std"), 100 * (double) e.get("ua_pooled"), 100 * (double) e.get("wa_mean"),
                    100 * (double) e.get("macro_f1_mean"), (int) e.get("folds"),
                    e.containsKey("per_seed") ? ", mean of " + config.seeds().size() + " seeds" : "");
            out.println("report: " + run.dir());
            return result;
        } catch (IOException | RuntimeException e) {
            run.finish("failed: " + e.getMessage());
            throw e;
        }
    }
}
