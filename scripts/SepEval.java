///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sep.cli.Cli;
import sep.cli.UsageException;
import sep.evaluation.LabelledEvaluation;
import sep.evaluation.ProtocolEvaluation;
import sep.util.Progress;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Scores a trained model: on a user's labelled audio, or on a protocol of the built-in corpora. */
@Command(name = "sep-eval", mixinStandardHelpOptions = true, version = "sep-eval 0.1",
        description = "Score a model on labelled audio (--labels, a CSV of path,label rows, paths relative to the CSV) or on the "
                + "test folds of a protocol of EmoDB/RAVDESS (--protocol). Writes WA, UA, macro-F1, per-class recall, the confusion "
                + "matrix (CSV + PNG) and the predictions to a run folder. Clips the model was trained on are left out. Exit status 1 when "
                + "a file could not be scored or the evaluation failed, 2 for a usage error.")
public class SepEval implements Callable<Integer> {
    @Option(names = "--model", description = "Run id, run folder, fold folder or model folder (default: models/default; a "
            + "protocol run is re-scored fold by fold).")
    String model;

    @Option(names = "--labels", description = "CSV of path,label rows (header optional; paths relative to the CSV).")
    Path labels;

    @Option(names = "--map", split = ",", description = "Rename labels of the CSV: from=to,... (e.g. angry=anger,happy=happiness; "
            + "calm=- leaves such rows out). Unknown labels are refused.")
    List<String> map;

    @Option(names = "--include-seen", description = "Also score clips the model was trained or validated on (reported as such: "
            + "not a held-out result).")
    boolean includeSeen;

    @Option(names = "--protocol", description = "Without --labels: split, loso, grouped-folds, cross-corpus or random-80-20 "
            + "(default: the run's own).")
    String protocol;

    @Option(names = "--dataset", description = "Without --labels: emodb, ravdess, emodb+ravdess or a->b (default: the one the "
            + "model was trained on).")
    String dataset;

    @Option(names = "--seeds", split = ",", description = "Without --labels: the protocol's seeds (default: the model's run's).")
    List<Long> seeds;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads for --labels; 0 = one per core (default: ${DEFAULT-VALUE}).")
    int threads;

    public static void main(String[] args) {
        System.exit(Cli.execute(new SepEval(), args));
    }

    @Override
    public Integer call() throws Exception {
        if (labels != null) {
            if (protocol != null || dataset != null || seeds != null) {
                throw new UsageException("--labels scores the CSV's files; --protocol, --dataset and --seeds are for the built-in corpora");
            }
            var config = new LabelledEvaluation.Config(model, labels, map, includeSeen, threads);
            return LabelledEvaluation.run(config, System.out, Progress.Factory.STDERR).exitCode();
        }
        if (map != null || includeSeen) throw new UsageException("--map and --include-seen go with --labels");
        if (threads != 0) throw new UsageException("--threads goes with --labels");
        ProtocolEvaluation.run(new ProtocolEvaluation.Config(model, protocol, dataset, seeds), System.out);
        return 0;
    }
}
