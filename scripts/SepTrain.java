///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sep.cli.Cli;
import sep.cli.DeepOptions;
import sep.cli.PreprocessOptions;
import sep.cli.ProtocolOptions;
import sep.training.DeepRecipe;
import sep.training.Pretrained;
import sep.training.ProtocolCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Trains a deep recogniser (DJL) over every fold of a protocol and writes its reports. */
@Command(name = "sep-train", mixinStandardHelpOptions = true, version = "sep-train 0.1",
        description = "Train ann, cnn, resnet or efficientnet on log-mel spectrograms over a speaker-independent protocol; "
                + "writes per-fold models, curves, validation/test reports and a leaderboard entry to a run folder.")
public class SepTrain implements Callable<Integer> {
    @Mixin
    ProtocolOptions protocol;

    @Mixin
    DeepOptions deep;

    @Mixin
    PreprocessOptions preprocess;

    @Option(names = "--init-from", description = "Start every fold from the feature layers of a saved model of the same "
            + "network (transfer from the other corpus): a model folder, or a split run's id. Refused if that model ever "
            + "saw a recording of this run's corpus. The classifier layer starts afresh.")
    String initFrom;

    public static void main(String[] args) {
        System.exit(Cli.executeWithFooter(new SepTrain(), DeepOptions.defaultsTable(), args));
    }

    @Override
    public Integer call() throws Exception {
        var features = preprocess.toConfig();
        Pretrained start = initFrom == null ? null
                : Pretrained.resolve(initFrom, List.of(protocol.dataset.split("->")), features, protocol.speakerNorm);
        var recipe = new DeepRecipe(deep.toConfig(protocol.seeds.get(0)), features.logMel(), System.out::println, start);
        ProtocolCommand.run("train", protocol, features, recipe, System.out);
        return 0;
    }
}
