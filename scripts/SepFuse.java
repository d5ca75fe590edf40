///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sep.cli.Cli;
import sep.cli.UsageException;
import sep.data.DataLocation;
import sep.training.FusionCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Late fusion of finished protocol runs (e.g. a ResNet and an SVM), weights chosen on validation speakers per fold. */
@Command(name = "sep-fuse", mixinStandardHelpOptions = true, version = "sep-fuse 0.1",
        description = "Fuse the models of finished protocol runs of the same protocol (sep-train, sep-classic --no-refit): per "
                + "fold, a weighted mean of their class probabilities with weights chosen on the validation speakers. Nothing "
                + "is retrained; the result is a protocol run with the usual reports and leaderboard entry.")
public class SepFuse implements Callable<Integer> {
    @Option(names = "--runs", split = ",", description = "Run ids or folders to fuse, e.g. "
            + "20261127-001000-train-resnet-emodb-loso,20261127-002000-classic-svm-emodb-loso.")
    List<String> runs;

    @Option(names = "--models", split = ",", description = "Instead of --runs: models as the leaderboard names them, e.g. "
            + "resnet,svm-norefit; for each, the run the leaderboard counts on --dataset/--labels/--protocol (the newest "
            + "complete one under runs/).")
    List<String> models;

    @Option(names = "--dataset", defaultValue = "emodb", description = "With --models: emodb, ravdess, emodb->ravdess, ... "
            + "(default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--labels", defaultValue = "native", description = "With --models: native or shared6 (default: ${DEFAULT-VALUE}).")
    String labels;

    @Option(names = "--protocol", defaultValue = "loso", description = "With --models: loso, grouped-folds, split, cross-corpus, "
            + "random-80-20 (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--speaker-norm", description = "With --models: fuse the models' speaker-normalised runs.")
    boolean speakerNorm;

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
        if ((runs == null) == (models == null)) throw new UsageException("give either --runs or --models");
        List<String> sources = runs != null ? runs
                : FusionCommand.newestRuns(DataLocation.runsDir(), models, dataset, protocol, labels, speakerNorm);
        FusionCommand.run(sources, gridStep, resume, System.out);
        return 0;
    }
}
