///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../shared/sep/**.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sep.cli.Cli;
import sep.prediction.PredictRun;
import sep.prediction.Segmentation;
import sep.util.Progress;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** Classifies the emotion of every audio file under the given files and folders. */
@Command(name = "sep-predict", mixinStandardHelpOptions = true, version = "sep-predict 0.1",
        description = "Classify every audio file (WAV, AIFF, FLAC; any rate, mono or stereo) under the given files and folders "
                + "(recursive), each file once; print a table and write one row per file (and per segment) to --out. Silence (loudest "
                + "frame under -60 dBFS) is 'silent', less than 0.25 s of sound 'too-short'. Exit status 1 when a file could not be "
                + "read (the others are still classified), 2 for a usage error.")
public class SepPredict implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Audio files and folders.")
    List<String> paths;

    @Option(names = "--model", description = "Run id, run folder, fold folder or model folder (default: models/default, the "
            + "shared-six model trained on EmoDB and RAVDESS).")
    String model;

    @Option(names = "--out", description = "Write the rows here: .csv or .json (default: predictions.csv in the run folder).")
    Path out;

    @Option(names = "--resume", description = "Keep the files --out already has (the same files however their paths are spelled) "
            + "and classify the rest; files that failed are tried again.")
    boolean resume;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Option(names = "--window", defaultValue = "0", description = "Split each file into windows of this many seconds (at least "
            + "0.25; the last window ends with the file); 0 = whole files (default: ${DEFAULT-VALUE}).")
    double window;

    @Option(names = "--hop", defaultValue = "0", description = "Seconds between window starts: from a tenth of the window "
            + "(and 0.25) to the window; 0 = the window length, no overlap (default: ${DEFAULT-VALUE}).")
    double hop;

    @Option(names = "--segment", defaultValue = "none", description = "none, or silence: split at pauses (default: ${DEFAULT-VALUE}).")
    String segment;

    @Option(names = "--top-db", defaultValue = "" + Segmentation.DEFAULT_TOP_DB, description = "--segment silence: frames this many "
            + "dB below the loudest are pauses (default: ${DEFAULT-VALUE}).")
    double topDb;

    @Option(names = "--min-pause", defaultValue = "" + Segmentation.DEFAULT_MIN_PAUSE, description = "--segment silence: shorter "
            + "pauses do not split, seconds (default: ${DEFAULT-VALUE}).")
    double minPause;

    @Option(names = "--min-segment", defaultValue = "" + Segmentation.DEFAULT_MIN_SEGMENT, description = "--segment silence: "
            + "shorter stretches are dropped, seconds (default: ${DEFAULT-VALUE}).")
    double minSegment;

    @Option(names = "--max-segment", defaultValue = "" + Segmentation.DEFAULT_MAX_SEGMENT, description = "--segment silence: "
            + "longer stretches are cut into equal pieces, seconds, at least twice --min-segment (default: ${DEFAULT-VALUE}).")
    double maxSegment;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads, up to 1024; 0 = one per core (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--no-table", description = "Do not print a line per file while working (failures are still printed).")
    boolean noTable;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Cli.execute(new SepPredict(), args));
    }

    @Override
    public Integer call() throws Exception {
        Set<String> given = spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName)
                .collect(Collectors.toSet());
        var config = new PredictRun.Config(paths, model, out, resume, force,
                Segmentation.fromOptions(segment, window, hop, topDb, minPause, minSegment, maxSegment, given), threads, !noTable);
        return PredictRun.run(config, System.out, Progress.Factory.STDERR).exitCode();
    }
}
