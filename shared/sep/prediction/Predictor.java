package sep.prediction;

import sep.audio.AudibleSound;
import sep.audio.Audio;
import sep.audio.AudioDecoder;
import sep.audio.AudioFormatException;
import sep.audio.AudioStream;
import sep.audio.ResampledReader;
import sep.audio.Resampler;
import sep.audio.Segmenter;
import sep.features.LogMel;
import sep.features.PreprocessConfig;
import sep.features.Preprocessor;
import sep.features.SilentAudioException;
import sep.features.acoustic.AcousticFeatures;
import sep.models.ClipInput;
import sep.models.EmotionModel;
import sep.models.SavedModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Classifies audio files with a saved model, through the model's own preprocessing ({@link Preprocessor}, the one path
 * the training features took): decode by content, average to mono, resample, trim, log-mel or acoustic features,
 * model. Thread-safe; {@link #classify} takes a few files at once so that the model sees them as one batch.
 *
 * <p>Before the model sees a file or segment, {@link AudibleSound} decides whether there is anything to judge: below
 * its absolute level the row is {@code silent}, under its minimum length {@code too-short}.
 *
 * <p>Whatever goes wrong with one file (unreadable, damaged, silent) becomes that file's row, never an exception:
 * one bad file in ten thousand must not stop the rest. Only faults of the program itself propagate.
 */
public final class Predictor {
    /**
     * Files of up to this many samples (frames x channels; 32 MB as floats) are decoded whole, as they always were;
     * larger ones are read block by block, so that no file costs more memory than this.
     */
    static final long WHOLE_DECODE_SAMPLES = 1 << 23;
    /**
     * Recordings longer than this are classified in windows as they are read ({@link StreamedRecording}); up to it, a
     * file is classified whole, as the models were trained (utterances of a few seconds).
     */
    public static final double LONG_FILE_SECONDS = 300;

    private final EmotionModel model;
    private final Preprocessor preprocessor;
    private final Segmentation segmentation;
    private final long wholeDecodeSamples;
    private final double longFileSeconds;

    public Predictor(SavedModel saved, Segmentation segmentation) {
        this(saved.model(), new Preprocessor(saved.preprocess()), segmentation);
    }

    public Predictor(EmotionModel model, Preprocessor preprocessor, Segmentation segmentation) {
        this(model, preprocessor, segmentation, WHOLE_DECODE_SAMPLES, LONG_FILE_SECONDS);
    }

    /** With other limits than {@link #WHOLE_DECODE_SAMPLES} and {@link #LONG_FILE_SECONDS}: tests send short clips down the streamed paths. */
    Predictor(EmotionModel model, Preprocessor preprocessor, Segmentation segmentation, long wholeDecodeSamples, double longFileSeconds) {
        this.model = model;
        this.preprocessor = preprocessor;
        this.segmentation = segmentation;
        this.wholeDecodeSamples = wholeDecodeSamples;
        this.longFileSeconds = longFileSeconds;
    }

    public List<String> labels() {
        return model.labels();
    }

    public Segmentation segmentation() {
        return segmentation;
    }

    int modelRate() {
        return preprocessor.config().sampleRate();
    }

    /** One result per item, in the same order. */
    public List<FileResult> classify(List<AudioFiles.Found> items) {
        List<FileResult> out = new ArrayList<>(items.size());
        classify(items, out::add);
        return out;
    }

    /**
     * Classifies the items and hands each result to {@code sink} in their order, as soon as it is known: the short
     * files are classified together (one model call), and every result before a long recording is handed on before
     * that recording is read, so that it does not keep finished files from the output for the minutes it takes.
     */
    public void classify(List<AudioFiles.Found> items, Consumer<FileResult> sink) {
        List<Pending> files = new ArrayList<>();
        List<PreparedInput> inputs = new ArrayList<>();
        for (AudioFiles.Found item : items) files.add(prepare(item, inputs));
        double[][] probabilities = predictAll(inputs);
        String[] failures = inputs.stream().map(i -> i.failure).toArray(String[]::new);
        List<FileResult> results = new ArrayList<>(files.size());
        for (Pending f : files) results.add(f.longFile != null ? null : f.result(probabilities, failures, model.labels(), segmentation.splits()));
        inputs.clear(); // the features of the short files are no longer needed while a long one is read
        for (int i = 0; i < files.size(); i++) {
            Pending f = files.get(i);
            sink.accept(f.longFile == null ? results.get(i) : guarded(f.path, () -> new StreamedRecording(this, f.path, f.longFile, f.duration)
                    .classifyFile()));
        }
    }

    /** A long recording's result, or its error row: whatever goes wrong there is that file's failure alone. */
    private FileResult guarded(String path, StreamedRecording.Work work) {
        Pending failed;
        try {
            return work.run();
        } catch (AudioFormatException e) {
            failed = Pending.failed(path, reason(e, path));
        } catch (OutOfMemoryError e) {
            failed = Pending.failed(path, outOfMemory());
        } catch (IOException | RuntimeException e) {
            failed = Pending.failed(path, "cannot decode: " + e.getMessage());
        }
        return failed.result(new double[0][], new String[0], model.labels(), segmentation.splits());
    }

    private static String outOfMemory() {
        return "out of memory (the Java heap is " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MB): classify it in shorter segments (--window, --segment) or give Java more memory (-Xmx)";
    }

    /**
     * Decodes and preprocesses one file, adding what the model must see to {@code inputs}; a long recording is only
     * recognised here, and classified later ({@link StreamedRecording}). Anything that goes wrong, running out of memory
     * included, is this file's failure: its inputs are taken back and the others go on.
     */
    private Pending prepare(AudioFiles.Found item, List<PreparedInput> inputs) {
        String path = item.path().toString();
        if (item.problem() != null) return Pending.failed(path, item.problem());
        int before = inputs.size();
        try {
            return prepareFile(item, path, inputs);
        } catch (AudioFormatException e) {
            return failed(path, reason(e, path), inputs, before);
        } catch (OutOfMemoryError e) {
            return failed(path, outOfMemory(), inputs, before);
        } catch (IOException | RuntimeException e) {
            // The decoder reports damage as AudioFormatException; anything else is still this file's problem only.
            return failed(path, "cannot decode: " + e.getMessage(), inputs, before);
        }
    }

    private static Pending failed(String path, String reason, List<PreparedInput> inputs, int before) {
        inputs.subList(before, inputs.size()).clear();
        return Pending.failed(path, reason);
    }

    private Pending prepareFile(AudioFiles.Found item, String path, List<PreparedInput> inputs) throws IOException {
        int modelRate = preprocessor.config().sampleRate();
        Audio audio; // the whole recording: at its own rate when decoded whole, at the model's when streamed
        double duration;
        try (AudioStream stream = AudioDecoder.open(item.path())) {
            long frames = stream.frames();
            if (frames >= 0 && frames * stream.channels() <= wholeDecodeSamples) {
                audio = null; // small: decoded whole below, exactly as always
                duration = Double.NaN;
            } else if (frames >= 0 && frames > longFileSeconds * stream.sampleRate()) {
                return Pending.longRecording(path, item.path(), frames / (double) stream.sampleRate());
            } else {
                // Too much to decode whole at the file's rate, short enough to classify whole at the model's (or of
                // unknown length): read at the model's rate; the result is the same as decoding whole.
                ResampledReader reader = new ResampledReader(stream, modelRate);
                long limit = frames >= 0 ? Long.MAX_VALUE : (long) Math.floor(longFileSeconds * modelRate);
                float[] samples = StreamedRecording.readAll(reader, limit);
                duration = reader.nativeFrames() / (double) stream.sampleRate();
                // A stream of unknown length that turned out long: classified as such, later, from a fresh start.
                if (samples == null) return Pending.longRecording(path, item.path(), Double.NaN);
                audio = new Audio(samples, modelRate);
            }
        }
        if (audio == null) {
            audio = AudioDecoder.readMono(item.path());
            duration = audio.seconds();
        }
        Pending pending = new Pending(path, duration, null);
        if (!segmentation.splits()) {
            pending.parts.add(part(audio, 0, duration, inputs, path));
            return pending;
        }
        Audio atModelRate = Resampler.resample(audio, modelRate);
        for (Segmenter.Segment s : segmentation.split(atModelRate)) {
            pending.parts.add(part(s.of(atModelRate), s.startSeconds(atModelRate.sampleRate()), s.endSeconds(atModelRate.sampleRate()),
                    inputs, path));
        }
        return pending;
    }

    Part part(Audio audio, double start, double end, List<PreparedInput> inputs, String path) {
        // Absolute rules first: the model's relative trim alone keeps the loudest hiss of a silent file and classifies it.
        PreprocessConfig pre = preprocessor.config();
        AudibleSound.Check sound = AudibleSound.check(audio, pre.trims() ? pre.trimTopDb() : 0);
        switch (sound.verdict()) {
            case SILENT:
                return new Part(start, end, -1, PredictionRow.SILENT);
            case TOO_SHORT:
                return new Part(start, end, -1, PredictionRow.TOO_SHORT);
            default:
                break;
        }
        try {
            PreparedInput input = new PreparedInput(path + "@" + start, preprocessor.prepare(audio), preprocessor);
            inputs.add(input);
            return new Part(start, end, inputs.size() - 1, null);
        } catch (SilentAudioException e) {
            return new Part(start, end, -1, PredictionRow.SILENT);
        } catch (RuntimeException e) {
            return new Part(start, end, -1, PredictionRow.ERROR_PREFIX + PredictionRow.oneLine("cannot preprocess: " + e.getMessage()));
        }
    }

    /**
     * The model's probabilities for every input; an input the model rejects gets a null row, not a failed batch. Out
     * of memory on a batch, each input is tried alone, so that only the input that needs too much fails.
     */
    double[][] predictAll(List<PreparedInput> inputs) {
        if (inputs.isEmpty()) return new double[0][];
        try {
            return model.predict(inputs);
        } catch (RuntimeException | OutOfMemoryError batchFailure) {
            double[][] out = new double[inputs.size()][];
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    out[i] = model.predict(List.of(inputs.get(i)))[0];
                } catch (RuntimeException e) {
                    inputs.get(i).failure = e.getMessage() == null ? e.toString() : e.getMessage();
                } catch (OutOfMemoryError e) {
                    inputs.get(i).failure = "out of memory";
                }
            }
            return out;
        }
    }

    /** The decoder's reason without the path it starts with (the row's path column already says it). */
    static String reason(Exception e, String path) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String prefix = path + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** A segment (or the whole file): its times, and its input index or why it has none. */
    record Part(double start, double end, int input, String status) {}

    private static final class Pending {
        final String path;
        final double duration;
        final String failure;
        final List<Part> parts = new ArrayList<>();
        /** A long recording, classified as it is read once the short files are done; or null. */
        Path longFile;

        Pending(String path, double duration, String failure) {
            this.path = path;
            this.duration = duration;
            this.failure = failure;
        }

        static Pending failed(String path, String reason) {
            return new Pending(path, Double.NaN, reason);
        }

        /** @param duration seconds, or NaN when the header does not say */
        static Pending longRecording(String path, Path file, double duration) {
            Pending p = new Pending(path, duration, null);
            p.longFile = file;
            return p;
        }

        FileResult result(double[][] probabilities, String[] failures, List<String> labels, boolean segmented) {
            if (failure != null) {
                return new FileResult(path, List.of(PredictionRow.error(path, PredictionRow.Scope.FILE, Double.NaN, Double.NaN, failure,
                        Double.NaN)));
            }
            PredictionRow.Scope scope = segmented ? PredictionRow.Scope.SEGMENT : PredictionRow.Scope.FILE;
            List<PredictionRow> rows = new ArrayList<>();
            for (Part p : parts) rows.add(row(path, duration, p, scope, probabilities, failures, labels));
            if (!segmented) return new FileResult(path, rows);
            rows.add(Summary.of(path, duration, rows, labels));
            return new FileResult(path, rows);
        }
    }

    /** The row of one part, once the model has seen the inputs. */
    static PredictionRow row(String path, double duration, Part p, PredictionRow.Scope scope, double[][] probabilities, String[] failures,
                             List<String> labels) {
        if (p.status() != null) {
            if (p.status().equals(PredictionRow.SILENT)) return PredictionRow.silent(path, scope, p.start(), p.end(), duration);
            if (p.status().equals(PredictionRow.TOO_SHORT)) return PredictionRow.tooShort(path, scope, p.start(), p.end(), duration);
            return new PredictionRow(path, scope, p.start(), p.end(), null, Double.NaN, null, p.status(), duration);
        }
        double[] prob = probabilities[p.input()];
        if (prob == null) {
            return PredictionRow.error(path, scope, p.start(), p.end(), "the model rejected the input: " + failures[p.input()], duration);
        }
        return PredictionRow.ok(path, scope, p.start(), p.end(), labels, prob, duration);
    }

    /** What the model sees of one prepared stretch of audio; features are computed when the model asks for them. */
    static final class PreparedInput implements ClipInput {
        private final String id;
        private final Audio audio;
        private final Preprocessor preprocessor;
        private LogMel logMel;
        private final java.util.Map<AcousticFeatures.Version, float[]> acoustic = new java.util.EnumMap<>(AcousticFeatures.Version.class);
        String failure;

        PreparedInput(String id, Audio audio, Preprocessor preprocessor) {
            this.id = id;
            this.audio = audio;
            this.preprocessor = preprocessor;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public synchronized LogMel logMel() {
            if (logMel == null) logMel = preprocessor.extractor().compute(audio.samples());
            return logMel;
        }

        @Override
        public synchronized float[] acoustic(AcousticFeatures.Version version) {
            return acoustic.computeIfAbsent(version, v -> AcousticFeatures.extract(audio, v));
        }
    }
}
