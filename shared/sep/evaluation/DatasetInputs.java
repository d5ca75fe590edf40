package sep.evaluation;

import sep.models.ClipInput;

import sep.audio.AudioDecoder;
import sep.data.Clip;
import sep.data.Corpus;
import sep.features.FeatureCache;
import sep.features.LogMel;
import sep.features.PreprocessConfig;
import sep.features.Preprocessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The built-in corpora as model inputs: log-mels from the feature cache, acoustic features computed on first use
 * from the same preprocessed audio and kept in memory.
 */
public final class DatasetInputs {
    private final PreprocessConfig preprocess;
    private final Map<String, Corpus> corpora = new HashMap<>();
    private final Map<String, LogMel> mels = new HashMap<>();
    private final Map<String, float[]> acoustic = new ConcurrentHashMap<>();
    private final Function<sep.audio.Audio, float[]> acousticExtractor;
    private final Preprocessor preprocessor;

    /**
     * @param datasets          dataset ids to load ({@code emodb+ravdess} and {@code a->b} name both)
     * @param acousticExtractor utterance features of preprocessed audio, or null when no model needs them
     */
    public DatasetInputs(List<String> datasets, PreprocessConfig preprocess, FeatureCache cache, boolean progress,
                         Function<sep.audio.Audio, float[]> acousticExtractor) throws IOException {
        this.preprocess = preprocess;
        this.preprocessor = new Preprocessor(preprocess);
        this.acousticExtractor = acousticExtractor;
        for (String id : datasets) {
            for (String part : parts(id)) {
                if (corpora.containsKey(part)) continue;
                Corpus corpus = Corpus.load(part);
                corpora.put(part, corpus);
                mels.putAll(cache.load(corpus, preprocess, progress, null));
            }
        }
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
            public float[] acoustic() {
                return acoustic.computeIfAbsent(clip.key(), k -> computeAcoustic(clip));
            }
        };
    }

    private float[] computeAcoustic(Clip clip) {
        if (acousticExtractor == null) throw new IllegalStateException("no acoustic feature extractor configured");
        try {
            return acousticExtractor.apply(preprocessor.prepare(AudioDecoder.readMono(clip.file())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> parts(String dataset) {
        if (dataset.contains("->")) return List.of(dataset.split("->"));
        return Corpus.parts(dataset);
    }
}
