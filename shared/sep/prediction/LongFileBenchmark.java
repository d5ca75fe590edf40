package sep.prediction;

import sep.audio.Audio;
import sep.audio.AudioDecoder;
import sep.audio.FlacBlockWriter;
import sep.audio.Resampler;
import sep.data.DataLocation;
import sep.runs.PeakMemory;
import sep.util.Progress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Memory and time of {@code sep-predict} on one 12-hour recording: a 48 kHz stereo FLAC of silence with a real 3 s
 * clip every 10 minutes (the kind of file that once took 5.4 GB and failed), classified without segmentation in a JVM
 * of its own with default settings, whose peak resident memory ({@code VmHWM}, heap and all) is the figure. Decoding
 * and resampling 12 hours dominate the time.
 */
public final class LongFileBenchmark {
    private LongFileBenchmark() {}

    public static final double HOURS = 12;
    public static final int RATE = 48_000;
    public static final double CLIP_EVERY_SECONDS = 600;

    /** @param model {@code --model} value, or null for the default model */
    public static Map<String, Object> run(String model) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sep-bench-long");
        try {
            Path file = dir.resolve("twelve-hours.flac");
            write(file);
            Path out = dir.resolve("rows.csv");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-DSEP_RUNS_DIR=" + dir.resolve("runs"),
                    LongFileBenchmark.class.getName(), model == null ? "-" : model, out.toString(), file.toString()));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(DataLocation.projectRoot().toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long rss = -1;
            for (String line : output.split("\n")) if (line.startsWith("peak_rss_mb=")) rss = Long.parseLong(line.substring(12).trim());
            if (exit != 0 || rss < 0) throw new IllegalStateException("the 12-hour prediction failed (exit " + exit + "):\n" + output);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("predict_12h_file_peak_rss_mb", rss);
            result.put("predict_12h_file_seconds", Math.round(seconds * 10) / 10.0);
            result.put("predict_12h_file", "48 kHz stereo 16-bit FLAC, 12 h of silence with a 3 s EmoDB clip every 10 min, "
                    + Files.size(file) / 1_000_000 + " MB; no segmentation; own JVM, default settings");
            return result;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static void write(Path file) throws IOException {
        Audio clip = AudioDecoder.readMono(DataLocation.dataDir().resolve("emodb/wav/03a01Wa.wav"));
        float[] at48 = Resampler.resample(clip.samples(), clip.sampleRate(), RATE);
        int[] speech = new int[Math.min(at48.length, 3 * RATE)];
        for (int i = 0; i < speech.length; i++) speech[i] = Math.max(-32768, Math.min(32767, Math.round(at48[i] * 32768f)));
        long every = (long) (CLIP_EVERY_SECONDS * RATE);
        long frames = (long) (HOURS * 3600 * RATE);
        FlacBlockWriter.write(file, RATE, 2, 16, frames, frames, (start, size) -> {
            long offset = start % every;
            if (offset >= speech.length) return null;
            int[] block = new int[size];
            for (int i = 0; i < size && offset + i < speech.length; i++) block[i] = speech[(int) (offset + i)];
            return new int[][]{block, block};
        });
    }

    /**
     * The child JVM: classifies {@code args[2..]} with model {@code args[0]} ({@code -} for the default) into
     * {@code args[1]}, then prints its peak resident memory as {@code peak_rss_mb=<MB>}.
     */
    public static void main(String[] args) throws Exception {
        var config = new PredictRun.Config(List.of(args).subList(2, args.length), args[0].equals("-") ? null : args[0], Path.of(args[1]),
                false, true, Segmentation.none(), 0, false);
        PredictRun.Result result = PredictRun.run(config, System.out, Progress.Factory.QUIET);
        System.out.println("peak_rss_mb=" + PeakMemory.peakResidentMb());
        System.exit(result.exitCode());
    }
}
