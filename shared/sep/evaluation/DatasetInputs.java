package sep.evaluation;

import sep.models.ClipInput;

import sep.audio.AudioDecoder;
import sep.data.Clip;
import sep.data.Corpus;
import sep.features.FeatureCache;
import sep.features.LogMel;
import sep.features.PreprocessConfig;
import sep.features.Preprocessor;
import sep.features.acoustic.AcousticFeatures;

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
 * SER literature. It is transductive: it needs a batch of recordings of each test speaker, which a protocol has but a
 * single new recording does not; runs that use it are entered in the leaderboard under their own name and flagged.
 */
public final class DatasetInputs {
    private final PreprocessConfig preprocess;
    private final Map<String, Corpus> corpora = new HashMap<>();
    private final Map<String, LogMel> mels = new HashMap<>();
    private final Map<String, float[]> acoustic = new ConcurrentHashMap<>();
    private final Map<String, double[][]> speakerStatistics = new ConcurrentHashMap<>();
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

    /** Turns per-speaker normalisation of the acoustic features on or off (see the class comment); returns this. */
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
                return mel;
            }

            @Override
            public float[] acoustic(AcousticFeatures.Version version) {
                float[] raw = rawAcoustic(clip, version);
                return speakerNormalised ? normalise(raw, speakerStatistics(clip, version)) : raw;
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
    private double[][] speakerStatistics(Clip clip, AcousticFeatures.Version version) {
        return speakerStatistics.computeIfAbsent(version.id() + "|" + clip.speakerKey(), k -> {
            List<Clip> same = corpora.get(clip.dataset()).clips().stream()
                    .filter(c -> c.speakerKey().equals(clip.speakerKey())).toList();
            return meanAndSd(same.stream().map(c -> rawAcoustic(c, version)).toList());
        });
    }

    static double[][] meanAndSd(List<float[]> rows) {
        int d = rows.get(0).length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (float[] r : rows) for (int j = 0; j < d; j++) mean[j] += r[j];
        for (int j = 0; j < d; j++) mean[j] /= rows.size();
        for (float[] r : rows) for (int j = 0; j < d; j++) sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
        // A feature constant within a speaker is only centred (as the classifiers' own standardisation does).
        for (int j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j] / rows.size()) < 1e-12 ? 1.0 : Math.sqrt(sd[j] / rows.size());
        return new double[][] {mean, sd};
    }

    static float[] normalise(float[] raw, double[][] statistics) {
        float[] out = new float[raw.length];
        for (int j = 0; j < raw.length; j++) out[j] = (float) ((raw[j] - statistics[0][j]) / statistics[1][j]);
        return out;
    }

    static List<String> parts(String dataset) {
        if (dataset.contains("->")) return List.of(dataset.split("->"));
        return Corpus.parts(dataset);
    }
}
