package sep.evaluation;

import sep.models.ClipInput;

import sep.audio.AudioDecoder;
import sep.data.Clip;
import sep.data.Corpus;
import sep.features.BandNormalizer;
import sep.features.FeatureCache;
import sep.features.LogMel;
import sep.features.PreprocessConfig;
import sep.features.Preprocessor;
import sep.features.acoustic.AcousticFeatures;
import sep.util.ColumnStatistics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in corpora as model inputs: log-mels from the feature cache, acoustic features (of whichever layout a
 * model asks for) computed on first use from the same preprocessed audio and kept in memory.
 *
 * <p>With {@link #speakerNormalised(boolean)} the acoustic features of every clip are z-scored with the mean and
 * standard deviation of <em>its own speaker's</em> clips (all of them, labels unused): the speaker normalisation of the
 * SER literature. Log-mels get the same per mel band: each band of a speaker is shifted and scaled so that its mean
 * and standard deviation over all the speaker's frames become those of the band over all loaded clips (a fixed,
 * label-free target that keeps the values in dB, clamped to the log-mel range [-top_db, 0]). It is transductive: it needs
 * a batch of recordings of each test speaker, which a protocol has but a single new recording does not; runs that use
 * it are entered in the leaderboard under their own name and flagged.
 */
public final class DatasetInputs {
    private final PreprocessConfig preprocess;
    private final Map<String, Corpus> corpora = new HashMap<>();
    private final Map<String, LogMel> mels = new HashMap<>();
    private final Map<String, float[]> acoustic = new ConcurrentHashMap<>();
    /** Per speaker (and, for log-mels, over all speakers): the statistics the normalisation uses. */
    private final Map<String, ColumnStatistics> speakerStatistics = new ConcurrentHashMap<>();
    private final Map<String, LogMel> normalisedMels = new ConcurrentHashMap<>();
    private final Preprocessor preprocessor;
    private boolean speakerNormalised;

    /** @param datasets dataset ids to load ({@code emodb+ravdess} and {@code a->b} name both) */
    public DatasetInputs(List<String> datasets, PreprocessConfig preprocess, FeatureCache cache, boolean progress) throws IOException {
        this.preprocess = preprocess;
        this.preprocessor = new Preprocessor(preprocess);
        for (String id : datasets) {
            for (String part : parts(id)) {
                if (corpora.containsKey(part)) continue;
                Corpus corpus = Corpus.load(part);
                corpora.put(part, corpus);
                mels.putAll(cache.load(corpus, preprocess, progress, null));
            }
        }
    }

    /** Turns per-speaker normalisation of the inputs on or off (see the class comment); returns this. */
    public DatasetInputs speakerNormalised(boolean on) {
        this.speakerNormalised = on;
        return this;
    }

    public boolean speakerNormalised() {
        return speakerNormalised;
    }

    public PreprocessConfig preprocess() {
        return preprocess;
    }

    /** Clips of a dataset id ({@code emodb}, {@code ravdess} or {@code emodb+ravdess}), in corpus order. */
    public List<Clip> clips(String dataset) {
        List<Clip> out = new ArrayList<>();
        for (String part : parts(dataset)) {
            Corpus corpus = corpora.get(part);
            if (corpus == null) throw new IllegalArgumentException("dataset " + part + " was not loaded");
            out.addAll(corpus.clips());
        }
        return out;
    }

    public ClipInput input(Clip clip) {
        LogMel mel = mels.get(clip.key());
        if (mel == null) throw new IllegalArgumentException("no features for " + clip.key());
        return new ClipInput() {
            @Override
            public String id() {
                return clip.key();
            }

            @Override
            public LogMel logMel() {
                return speakerNormalised ? normalisedMels.computeIfAbsent(clip.key(), k -> normaliseMel(clip, mel)) : mel;
            }

            @Override
            public float[] acoustic(AcousticFeatures.Version version) {
                float[] raw = rawAcoustic(clip, version);
                return speakerNormalised ? toFloat(speakerStatistics(clip, version).standardise(raw)) : raw;
            }
        };
    }

    private float[] rawAcoustic(Clip clip, AcousticFeatures.Version version) {
        return acoustic.computeIfAbsent(version.id() + "|" + clip.key(), k -> {
            try {
                return AcousticFeatures.extract(preprocessor.prepare(AudioDecoder.readMono(clip.file())), version);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Mean and standard deviation of each feature over all clips of the clip's speaker. */
    private ColumnStatistics speakerStatistics(Clip clip, AcousticFeatures.Version version) {
        return speakerStatistics.computeIfAbsent(version.id() + "|" + clip.speakerKey(), k -> {
            return ColumnStatistics.of(clipsOfSpeaker(clip).stream().map(c -> rawAcoustic(c, version)).toList());
        });
    }

    private LogMel normaliseMel(Clip clip, LogMel mel) {
        ColumnStatistics speaker = speakerStatistics.computeIfAbsent("mel|" + clip.speakerKey(), k -> bandStatistics(clipsOfSpeaker(clip)));
        // The common target: every band's statistics over all loaded clips (label-free, the same for every speaker).
        ColumnStatistics target = speakerStatistics.computeIfAbsent("mel|all speakers",
                k -> bandStatistics(corpora.values().stream().flatMap(c -> c.clips().stream()).toList()));
        return new LogMel(normaliseBands(mel.db(), speaker, target, mel.config().topDb()), mel.refPower(), mel.config());
    }

    /**
     * Each band moved from the speaker's mean and spread to the target's, then clamped to the log-mel range
     * {@code [-topDb, 0]} of the features' own config (a value outside it is not a log-mel that config can give).
     */
    static float[][] normaliseBands(float[][] db, ColumnStatistics speaker, ColumnStatistics target, double topDb) {
        float[][] out = new float[db.length][];
        for (int b = 0; b < db.length; b++) {
            out[b] = new float[db[b].length];
            double scale = target.std()[b] / speaker.std()[b];
            for (int t = 0; t < db[b].length; t++) {
                double v = target.mean()[b] + (db[b][t] - speaker.mean()[b]) * scale;
                out[b][t] = (float) Math.max(-topDb, Math.min(0, v));
            }
        }
        return out;
    }

    /** Mean and standard deviation of each mel band over all frames of the clips (the band normaliser's own fit). */
    private ColumnStatistics bandStatistics(List<Clip> clips) {
        BandNormalizer fit = BandNormalizer.fit(clips.stream().map(c -> mels.get(c.key()).db()).toList());
        return new ColumnStatistics(fit.mean(), fit.std());
    }

    /** All clips of the clip's speaker in its corpus: whose statistics normalise that speaker. */
    private List<Clip> clipsOfSpeaker(Clip clip) {
        return corpora.get(clip.dataset()).clips().stream().filter(c -> c.speakerKey().equals(clip.speakerKey())).toList();
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int j = 0; j < values.length; j++) out[j] = (float) values[j];
        return out;
    }

    static List<String> parts(String dataset) {
        if (dataset.contains("->")) return List.of(dataset.split("->"));
        return Corpus.parts(dataset);
    }
}
