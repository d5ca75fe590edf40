///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import sep.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sep.cli.PreprocessOptions;
import sep.features.FeatureCache;
import sep.features.PrepareFeatures;
import sep.runs.RunFolder;
import sep.runs.Seeds;

import java.util.List;
import java.util.concurrent.Callable;

/** Builds the log-mel feature cache of the corpora (re-used on later runs) and the training-split statistics. */
@Command(name = "sep-prep", mixinStandardHelpOptions = true, version = "sep-prep 0.1",
        description = "Decode, resample, trim and turn every clip into a log-mel spectrogram, cached per dataset and config.")
public class SepPrep implements Callable<Integer> {
    @Option(names = "--dataset", split = ",", defaultValue = "emodb,ravdess",
            description = "Datasets to prepare: emodb, ravdess, emodb+ravdess (default: ${DEFAULT-VALUE}).")
    List<String> datasets;

    @Option(names = "--seed", defaultValue = Seeds.DEFAULT_TEXT, description = "Seed of the speaker split whose training part gives "
            + "the normalisation statistics (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    PreprocessOptions preprocess;

    public static void main(String[] args) {
        System.exit(Cli.execute(new SepPrep(), args));
    }

    @Override
    public Integer call() throws Exception {
        var config = new PrepareFeatures.Config(datasets, preprocess.toConfig(), seed);
        RunFolder run = RunFolder.create("prep", String.join("_", datasets), config, seed);
        try {
            var result = PrepareFeatures.run(config, FeatureCache.standard(), run, true);
            run.put("result", result);
            run.finish("ok");
            for (var d : result.datasets()) {
                System.out.printf("%-14s %5d clips  %7.1f s of audio  frames %d..%d  reused %d, computed %d  (%.1f s)%n",
                        d.dataset(), d.clips(), d.audioSeconds(), d.minFrames(), d.maxFrames(), d.reused(), d.computed(), d.seconds());
            }
            System.out.printf("done in %.1f s; run folder %s%n", result.seconds(), run.dir());
            return 0;
        } catch (Exception e) {
            run.finish("failed: " + e.getMessage());
            throw e;
        }
    }
}
