///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sep.cli.Cli;
import sep.cli.PreprocessOptions;
import sep.data.DataLocation;
import sep.features.FeatureBenchmark;
import sep.models.deep.Architecture;
import sep.models.deep.NetworkBenchmark;
import sep.prediction.LongFileBenchmark;
import sep.prediction.PredictBenchmark;
import sep.runs.RunFolder;
import sep.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Times the audio front end and merges the figures into results/bench.json. */
@Command(name = "sep-bench", mixinStandardHelpOptions = true, version = "sep-bench 0.1",
        description = "Time decode + resample + log-mel over the corpora (one thread and all cores), sep-predict on 3-second "
                + "clips through the default model, and deep training and inference with and without the oneDNN kernel limit; "
                + "merge the figures into results/bench.json.")
public class SepBench implements Callable<Integer> {
    @Option(names = "--dataset", split = ",", defaultValue = "emodb,ravdess", description = "Datasets (default: ${DEFAULT-VALUE}).")
    List<String> datasets;

    @Option(names = "--repeats", defaultValue = "2", description = "Timed passes per measurement; the best is kept (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--out", defaultValue = "results/bench.json",
            description = "JSON file to merge the figures into, relative to the project root (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--predict-files", defaultValue = "600", description = "3-second clips classified per pass to time "
            + "sep-predict through the model (--model); 0 skips it (default: ${DEFAULT-VALUE}).")
    int predictFiles;

    @Option(names = "--predict-clip-rate", defaultValue = "44100", description = "Also time sep-predict on the same clips "
            + "converted to this sample rate, to see what resampling costs on the whole path; 0 skips it (default: ${DEFAULT-VALUE}).")
    int predictClipRate;

    @Option(names = "--model", description = "Model for the sep-predict timing (default: models/default).")
    String model;

    @Option(names = "--skip-features", description = "Time only sep-predict.")
    boolean skipFeatures;

    @Option(names = "--deep-steps", defaultValue = "20", description = "Training steps timed per network, with and without the "
            + "oneDNN AVX2 kernel limit (sep.models.deep.NativeKernels); 0 skips it (default: ${DEFAULT-VALUE}).")
    int deepSteps;

    @Option(names = "--deep-models", split = ",", defaultValue = "cnn,resnet",
            description = "Networks timed by --deep-steps (default: ${DEFAULT-VALUE}).")
    List<String> deepModels;

    @Option(names = "--skip-long-file", description = "Skip sep-predict on a 12-hour 48 kHz stereo FLAC (peak memory and time; "
            + "about 2.5 minutes of CPU).")
    boolean skipLongFile;

    @Mixin
    PreprocessOptions preprocess;

    public static void main(String[] args) {
        System.exit(Cli.execute(new SepBench(), args));
    }

    @Override
    public Integer call() throws Exception {
        var config = new FeatureBenchmark.Config(datasets, preprocess.toConfig(), repeats);
        Map<String, Object> figures = new LinkedHashMap<>();
        RunFolder run = RunFolder.create("bench", skipFeatures ? "predict" : "features", config, 0);
        if (!skipFeatures) figures.putAll(FeatureBenchmark.run(config, DataLocation.dataDir()));
        if (predictFiles > 0) {
            try {
                figures.putAll(PredictBenchmark.runWithOtherRate(
                        new PredictBenchmark.Config(model, datasets, predictFiles, 0, repeats), predictClipRate));
            } catch (IllegalArgumentException e) {
                // No model yet: the feature figures still stand; say what is missing rather than fail the whole bench.
                System.out.println("predict_files_per_second not measured: " + e.getMessage());
            }
        }
        if (deepSteps > 0 && !skipFeatures) {
            List<Architecture> networks = deepModels.stream().map(Architecture::fromId).toList();
            figures.putAll(NetworkBenchmark.withAndWithoutKernelLimit(networks, deepSteps, 2));
        }
        if (!skipLongFile) figures.putAll(LongFileBenchmark.run(model));
        Json.write(run.file("bench.json"), figures);
        run.finish("ok");
        Path target = DataLocation.projectRoot().resolve(out);
        ObjectNode merged = Files.exists(target) ? (ObjectNode) Json.read(target) : Json.object();
        merged.setAll((ObjectNode) Json.tree(figures));
        merged.put(skipFeatures ? "predict_run" : "features_run", run.id());
        if (!skipFeatures && figures.containsKey("predict_files_per_second")) merged.put("predict_run", run.id());
        Json.write(target, merged);
        figures.forEach((k, v) -> { if (!(v instanceof sep.features.PreprocessConfig)) System.out.printf("%-48s %s%n", k, v); });
        System.out.println("written to " + target);
        return 0;
    }
}
