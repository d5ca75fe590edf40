///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sep.cli.Cli;
import sep.training.FusionCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Late fusion of finished protocol runs (e.g. a ResNet and an SVM), weights chosen on validation speakers per fold. */
@Command(name = "sep-fuse", mixinStandardHelpOptions = true, version = "sep-fuse 0.1",
        description = "Fuse the models of finished protocol runs of the same protocol (sep-train, sep-classic --no-refit): per "
                + "fold, a weighted mean of their class probabilities with weights chosen on the validation speakers. Nothing "
                + "is retrained; the result is a protocol run with the usual reports and leaderboard entry.")
public class SepFuse implements Callable<Integer> {
    @Option(names = "--runs", split = ",", required = true, description = "Run ids or folders to fuse, e.g. "
            + "20261127-001000-train-resnet-emodb-loso,20261127-002000-classic-svm-emodb-loso.")
    List<String> runs;

    @Option(names = "--grid-step", defaultValue = "0.05", description = "Step of the weight grid searched on validation "
            + "(default: ${DEFAULT-VALUE}).")
    double gridStep;

    @Option(names = "--resume", description = "Continue an interrupted fusion run (its id or folder).")
    String resume;

    public static void main(String[] args) {
        System.exit(Cli.execute(new SepFuse(), args));
    }

    @Override
    public Integer call() throws Exception {
        FusionCommand.run(runs, gridStep, resume, System.out);
        return 0;
    }
}
