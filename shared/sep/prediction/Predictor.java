package sep.prediction;

import sep.audio.AudibleSound;
import sep.audio.Audio;
import sep.audio.AudioDecoder;
import sep.audio.AudioFormatException;
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
import java.util.ArrayList;
import java.util.List;

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
    private final EmotionModel model;
    private final Preprocessor preprocessor;
    private final Segmentation segmentation;

    public Predictor(SavedModel saved, Segmentation segmentation) {
        this(saved.model(), new Preprocessor(saved.preprocess()), segmentation);
    }

    public Predictor(EmotionModel model, Preprocessor preprocessor, Segmentation segmentation) {
        this.model = model;
        this.preprocessor = preprocessor;
        this.segmentation = segmentation;
    }

    public List<String> labels() {
        return model.labels();
    }

    public Segmentation segmentation() {
        return segmentation;
    }

    /** One result per item, in the same order. */
    public List<FileResult> classify(List<AudioFiles.Found> items) {
        List<Pending> files = new ArrayList<>();
        List<PreparedInput> inputs = new ArrayList<>();
        for (AudioFiles.Found item : items) files.add(prepare(item, inputs));
        double[][] probabilities = predictAll(inputs);
        String[] failures = inputs.stream().map(i -> i.failure).toArray(String[]::new);
        List<FileResult> out = new ArrayList<>(files.size());
        for (Pending f : files) out.add(f.result(probabilities, failures, model.labels(), segmentation.splits()));
        return out;
    }

    /** Decodes and preprocesses one file, adding what the model must see to {@code inputs}. */
    private Pending prepare(AudioFiles.Found item, List<PreparedInput> inputs) {
        String path = item.path().toString();
        if (item.problem() != null) return Pending.failed(path, item.problem());
        Audio audio;
        try {
            audio = AudioDecoder.readMono(item.path());
        } catch (AudioFormatException e) {
            return Pending.failed(path, reason(e, path));
        } catch (IOException | RuntimeException e) {
            // The decoder reports damage as AudioFormatException; anything else is still this file's problem only.
            return Pending.failed(path, "cannot decode: " + e.getMessage());
        }
        double duration = audio.seconds();
        Pending pending = new Pending(path, duration, null);
        if (!segmentation.splits()) {
            pending.parts.add(part(audio, 0, duration, inputs, path));
            return pending;
        }
        Audio atModelRate = Resampler.resample(audio, preprocessor.config().sampleRate());
        for (Segmenter.Segment s : segmentation.split(atModelRate)) {
            pending.parts.add(part(s.of(atModelRate), s.startSeconds(atModelRate.sampleRate()), s.endSeconds(atModelRate.sampleRate()),
                    inputs, path));
        }
        return pending;
    }

    private Part part(Audio audio, double start, double end, List<PreparedInput> inputs, String path) {
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

    /** The model's probabilities for every input; an input the model rejects gets a null row, not a failed batch. */
    private double[][] predictAll(List<PreparedInput> inputs) {
        if (inputs.isEmpty()) return new double[0][];
        try {
            return model.predict(inputs);
        } catch (RuntimeException batchFailure) {
            double[][] out = new double[inputs.size()][];
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    out[i] = model.predict(List.of(inputs.get(i)))[0];
                } catch (RuntimeException e) {
                    inputs.get(i).failure = e.getMessage() == null ? e.toString() : e.getMessage();
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
    private record Part(double start, double end, int input, String status) {}

    private static final class Pending {
        final String path;
        final double duration;
        final String failure;
        final List<Part> parts = new ArrayList<>();

        Pending(String path, double duration, String failure) {
            this.path = path;
            this.duration = duration;
            this.failure = failure;
        }

        static Pending failed(String path, String reason) {
            return new Pending(path, Double.NaN, reason);
        }

        FileResult result(double[][] probabilities, String[] failures, List<String> labels, boolean segmented) {
            if (failure != null) {
                return new FileResult(path, List.of(PredictionRow.error(path, PredictionRow.Scope.FILE, Double.NaN, Double.NaN, failure,
                        Double.NaN)));
            }
            PredictionRow.Scope scope = segmented ? PredictionRow.Scope.SEGMENT : PredictionRow.Scope.FILE;
            List<PredictionRow> rows = new ArrayList<>();
            for (Part p : parts) rows.add(row(p, scope, probabilities, failures, labels));
            if (!segmented) return new FileResult(path, rows);
            rows.add(Summary.of(path, duration, rows, labels));
            return new FileResult(path, rows);
        }

        private PredictionRow row(Part p, PredictionRow.Scope scope, double[][] probabilities, String[] failures, List<String> labels) {
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
