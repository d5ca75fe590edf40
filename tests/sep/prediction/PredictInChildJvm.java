package sep.prediction;

import sep.util.Progress;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@link PredictRun} in a JVM of its own, so a test can give it a small heap: arguments are the model, the output
 * file, the segmentation ({@code none} or {@code window:<seconds>}) and the audio files. Prints the summary and the
 * JVM's peak resident memory ({@code peak_rss_mb=}), and exits with the run's exit code.
 */
public final class PredictInChildJvm {
    private PredictInChildJvm() {}

    public static void main(String[] args) throws Exception {
        Segmentation segmentation = args[2].equals("none") ? Segmentation.none()
                : Segmentation.windows(Double.parseDouble(args[2].substring(7)), Double.parseDouble(args[2].substring(7)));
        List<String> files = Arrays.asList(args).subList(3, args.length);
        var config = new PredictRun.Config(files, args[0], Path.of(args[1]), false, false, segmentation, 2, false);
        PredictRun.Result result = PredictRun.run(config, System.out, Progress.Factory.QUIET);
        System.out.println("peak_rss_mb=" + sep.runs.PeakMemory.peakResidentMb());
        System.exit(result.exitCode());
    }
}
