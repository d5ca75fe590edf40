package sep.features;

import sep.data.Clip;
import sep.data.Corpus;
import sep.data.Fold;
import sep.data.Splits;
import sep.runs.RunFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sep-prep} step: fills the feature cache for each dataset and stores, with the features, the per-band
 * z-score statistics of the quick split's training speakers (models fit their own per fold the same way).
 */
public final class PrepareFeatures {
    private PrepareFeatures() {}

    public record Config(List<String> datasets, PreprocessConfig preprocess, long seed) {
        public Config {
            if (datasets == null || datasets.isEmpty()) throw new IllegalArgumentException("name at least one dataset");
            datasets = List.copyOf(datasets);
        }
    }

    public record DatasetSummary(String dataset, int clips, int reused, int computed, long frames, double audioSeconds,
                                 int minFrames, int maxFrames, double seconds, String contentDigest, List<String> cacheFiles,
                                 String normalizer, List<String> trainSpeakers) {}

    public record Result(List<DatasetSummary> datasets, double seconds) {}

    public static Result run(Config config, FeatureCache cache, RunFolder run, boolean progress) throws IOException {
        Instant start = Instant.now();
        List<DatasetSummary> summaries = new ArrayList<>();
        for (String dataset : config.datasets()) {
            Instant t0 = Instant.now();
            Corpus corpus = Corpus.load(dataset);
            FeatureCache.Stats[] stats = new FeatureCache.Stats[1];
            Map<String, LogMel> mels = cache.load(corpus, config.preprocess(), progress, stats);
            Fold split = Splits.speakerSplit(corpus.clips(), config.seed());
            List<float[][]> train = new ArrayList<>();
            for (Clip clip : split.train()) train.add(mels.get(clip.key()).db());
            BandNormalizer normalizer = BandNormalizer.fit(train);
            Path normalizerFile = run.file("normalizer-" + dataset.replace('+', '_') + "-split.json");
            normalizer.save(normalizerFile);
            long frames = 0;
            int min = Integer.MAX_VALUE, max = 0;
            for (LogMel mel : mels.values()) {
                frames += mel.frames();
                min = Math.min(min, mel.frames());
                max = Math.max(max, mel.frames());
            }
            double hop = config.preprocess().logMel().hopLength() / (double) config.preprocess().sampleRate();
            summaries.add(new DatasetSummary(dataset, corpus.size(), stats[0].reused(), stats[0].computed(), frames,
                    frames * hop, min, max, Duration.between(t0, Instant.now()).toMillis() / 1000.0, corpus.contentDigest(),
                    stats[0].files().stream().map(Path::toString).toList(), normalizerFile.getFileName().toString(),
                    List.copyOf(split.speakers(split.train()))));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("clips", corpus.size());
            data.put("content_digest", corpus.contentDigest());
            run.data(dataset, data);
        }
        return new Result(summaries, Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }
}
