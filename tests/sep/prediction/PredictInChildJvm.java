package sep.prediction;

import sep.util.Progress;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@link PredictRun} in a JVM of its own, so a test can give it a small heap: arguments are the model ({@code -} for
 * the default), the output file, the segmentation ({@code none}, {@code silence} or {@code window:<seconds>:<hop>})
 * and the audio files. Prints the summary and the JVM's peak resident memory ({@code peak_rss_mb=}), and exits with
 * the run's exit code.
 */
public final class PredictInChildJvm {
    private PredictInChildJvm() {}

    public static void main(String[] args) throws Exception {
        Segmentation segmentation = switch (args[2].split(":")[0]) {
            case "none" -> Segmentation.none();
            case "silence" -> Segmentation.silence(Segmentation.DEFAULT_TOP_DB, Segmentation.DEFAULT_MIN_PAUSE, Segmentation.DEFAULT_MIN_SEGMENT,
                    Segmentation.DEFAULT_MAX_SEGMENT);
            case "window" -> Segmentation.windows(Double.parseDouble(args[2].split(":")[1]), Double.parseDouble(args[2].split(":")[2]));
            default -> throw new IllegalArgumentException("segmentation: none, silence or window:<seconds>:<hop>, got " + args[2]);
        };
        List<String> files = Arrays.asList(args).subList(3, args.length);
        var config = new PredictRun.Config(files, args[0].equals("-") ? null : args[0], Path.of(args[1]), false, false, segmentation, 2,
                false);
        PredictRun.Result result = PredictRun.run(config, System.out, Progress.Factory.QUIET);
        System.out.println("peak_rss_mb=" + sep.runs.PeakMemory.peakResidentMb());
        System.exit(result.exitCode());
    }
}
