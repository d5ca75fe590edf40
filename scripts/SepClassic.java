///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sep.cli.ClassicOptions;
import sep.cli.Cli;
import sep.cli.PreprocessOptions;
import sep.cli.ProtocolOptions;
import sep.training.ClassicRecipe;
import sep.training.ProtocolCommand;

import java.util.concurrent.Callable;

/** Trains a classical recogniser (Tribuo) on acoustic features over every fold of a protocol. */
@Command(name = "sep-classic", mixinStandardHelpOptions = true, version = "sep-classic 0.1",
        description = "Train logistic regression, an RBF SVM or XGBoost on eGeMAPS-style acoustic features over a "
                + "speaker-independent protocol; same reports and leaderboard entry as sep-train.")
public class SepClassic implements Callable<Integer> {
    @Mixin
    ProtocolOptions protocol;

    @Mixin
    ClassicOptions classic;

    @Mixin
    PreprocessOptions preprocess;

    public static void main(String[] args) {
        System.exit(Cli.execute(new SepClassic(), args));
    }

    @Override
    public Integer call() throws Exception {
        var recipe = new ClassicRecipe(classic.toConfig(protocol.seeds.get(0)), classic.refit, classic.features());
        ProtocolCommand.run("classic", protocol, preprocess.toConfig(), recipe, System.out);
        return 0;
    }
}
