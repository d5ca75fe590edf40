package sep.prediction;

import sep.audio.Audio;
import sep.audio.AudioDecoder;
import sep.audio.AudioFormatException;
import sep.audio.AudioStream;
import sep.audio.FrameLevels;
import sep.audio.ResampledReader;
import sep.audio.SegmentCutter;
import sep.audio.Segmenter;
import sep.audio.SilenceTrimmer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classifies a recording longer than {@link Predictor#LONG_FILE_SECONDS} as it is read, so that memory does not grow
 * with its length: decoded block by block ({@link AudioStream}), averaged to mono and resampled to the model's rate
 * in blocks ({@link ResampledReader}), cut into segments as they complete ({@link SegmentCutter}), each segment
 * trimmed and turned into features alone, and the model called on {@value #GROUP} segments at a time.
 *
 * <ul>
 *   <li>{@code --window}/{@code --hop}: the windows of {@link Segmenter#windows} over the whole length, known from the
 *       header (or from a first reading when the header does not say);</li>
 *   <li>{@code --segment silence}: a first reading measures every frame's level ({@link FrameLevels}), so that pauses
 *       are judged against the loudest frame of the whole recording, as for a short file; the second cuts;</li>
 *   <li>no segmentation: statistics of hours of audio mean nothing to models trained on utterances of a few seconds,
 *       so a long file is classified in windows of {@value #WINDOW_SECONDS} s (each trimmed of silence alone, silent
 *       ones left out, as {@code --window} does) and its one row is their summary ({@link Summary}: the mean of the
 *       windows' probabilities, the label most windows got).</li>
 * </ul>
 * Segment rows and summaries are those a short file gets: for the same audio the result is the same as classifying it
 * whole (the block resampler's output is the whole-array resampler's, the frame levels are computed alike).
 */
final class StreamedRecording {
    /** Window of a long file classified without segmentation: the length of the training utterances (2-4 s). */
    static final double WINDOW_SECONDS = 3.0;
    /** Segments per model call: a batch for a network's forward pass, little memory. */
    static final int GROUP = 32;

    private final Predictor predictor;
    private final String path;
    private final Path file;
    private double duration;

    /** @param duration seconds, or NaN when the header does not say (it is then measured on a first reading) */
    StreamedRecording(Predictor predictor, String path, Path file, double duration) {
        this.predictor = predictor;
        this.path = path;
        this.file = file;
        this.duration = duration;
    }

    /** A piece of work on one recording that may fail like reading a file does. */
    @FunctionalInterface
    interface Work {
        FileResult run() throws IOException;
    }

    /** Opens the file and classifies it. */
    FileResult classifyFile() throws IOException {
        try (AudioStream stream = AudioDecoder.open(file)) {
            return classify(stream);
        }
    }

    /** Reads {@code stream} (and, when a first reading is needed, the file once more) and classifies it. */
    FileResult classify(AudioStream stream) throws IOException {
        int rate = predictor.modelRate();
        Segmentation segmentation = predictor.segmentation();
        boolean measureFirst = segmentation.mode() == Segmentation.Mode.SILENCE || stream.frames() < 0;
        long total;
        boolean[] loud = null;
        AudioStream second = null;
        try {
            if (measureFirst) {
                FrameLevels levels = new FrameLevels();
                ResampledReader reader = new ResampledReader(stream, rate);
                for (float[] b; (b = reader.next()) != null; ) levels.add(b, 0, b.length);
                total = levels.samples();
                duration = reader.nativeFrames() / (double) stream.sampleRate();
                double[] meanSquares = levels.finish();
                if (segmentation.mode() == Segmentation.Mode.SILENCE) loud = SilenceTrimmer.nonSilentFrames(meanSquares, segmentation.topDb());
                second = AudioDecoder.open(file);
            } else {
                total = resampledLength(stream.frames(), stream.sampleRate(), rate);
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new AudioFormatException(file, String.format(java.util.Locale.ROOT,
                        "too long: %.1f hours; at most %.1f hours at the model's %d Hz", total / 3600.0 / rate,
                        (Integer.MAX_VALUE - 8) / 3600.0 / rate, rate));
            }
            List<Segmenter.Segment> segments = switch (segmentation.mode()) {
                case NONE -> Segmenter.windows((int) total, rate, WINDOW_SECONDS, WINDOW_SECONDS);
                case WINDOWS -> Segmenter.windows((int) total, rate, segmentation.windowSeconds(), segmentation.hopSeconds());
                case SILENCE -> Segmenter.bySilence(loud, (int) total, rate, segmentation.minPauseSeconds(),
                        segmentation.minSegmentSeconds(), segmentation.maxSegmentSeconds());
            };
            List<PredictionRow> rows = classifySegments(second != null ? second : stream, segments, rate);
            PredictionRow fileRow = Summary.of(path, duration, rows, predictor.labels());
            if (!segmentation.splits()) return new FileResult(path, List.of(fileRow));
            rows.add(fileRow);
            return new FileResult(path, rows);
        } finally {
            if (second != null) second.close();
        }
    }

    private List<PredictionRow> classifySegments(AudioStream stream, List<Segmenter.Segment> segments, int rate) throws IOException {
        List<PredictionRow> rows = new ArrayList<>(segments.size());
        List<Predictor.PreparedInput> inputs = new ArrayList<>();
        List<Predictor.Part> parts = new ArrayList<>();
        SegmentCutter cutter = new SegmentCutter(segments, (s, x) -> {
            parts.add(predictor.part(new Audio(x, rate), s.startSeconds(rate), s.endSeconds(rate), inputs, path));
            if (inputs.size() >= GROUP) predict(inputs, parts, rows);
        });
        ResampledReader reader = new ResampledReader(stream, rate);
        for (float[] b; (b = reader.next()) != null; ) cutter.add(b, 0, b.length);
        if (cutter.delivered() != segments.size()) {
            throw new AudioFormatException(file, "the audio ended after " + reader.nativeFrames() + " frames, before its declared length");
        }
        predict(inputs, parts, rows);
        return rows;
    }

    /** Runs the model on the pending inputs and turns the pending parts into rows. */
    private void predict(List<Predictor.PreparedInput> inputs, List<Predictor.Part> parts, List<PredictionRow> rows) {
        double[][] probabilities = predictor.predictAll(inputs);
        String[] failures = inputs.stream().map(i -> i.failure).toArray(String[]::new);
        for (Predictor.Part p : parts) {
            rows.add(Predictor.row(path, duration, p, PredictionRow.Scope.SEGMENT, probabilities, failures, predictor.labels()));
        }
        inputs.clear();
        parts.clear();
    }

    /** The resampler's output length for {@code frames} input frames: round(frames * to / from), exactly. */
    static long resampledLength(long frames, int fromRate, int toRate) {
        if (fromRate == toRate) return frames;
        return Math.addExact(Math.multiplyExact(2 * frames, (long) toRate), fromRate) / (2L * fromRate);
    }

    /** Everything a reader gives, or null as soon as it exceeds {@code limit} samples. */
    static float[] readAll(ResampledReader reader, long limit) throws IOException {
        float[] all = new float[1 << 16];
        int n = 0;
        for (float[] b; (b = reader.next()) != null; ) {
            if (n + (long) b.length > limit) return null;
            if (n + b.length > all.length) all = Arrays.copyOf(all, Math.max(all.length * 2, n + b.length));
            System.arraycopy(b, 0, all, n, b.length);
            n += b.length;
        }
        return Arrays.copyOf(all, n);
    }
}
