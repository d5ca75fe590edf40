package sep.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sep.data.Clip;
import sep.data.Corpus;
import sep.data.Fold;
import sep.data.Splits;
import sep.runs.RunFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** sep-prep on the real EmoDB: features for every clip, normalisation statistics from training speakers only. */
class PrepareFeaturesTest {
    @Test
    void normalisationStatisticsComeFromTheTrainingSpeakersOnly(@TempDir Path tmp) throws IOException {
        var config = new PrepareFeatures.Config(List.of(Corpus.EMODB), PreprocessConfig.defaults(), 12345);
        FeatureCache cache = new FeatureCache(tmp.resolve("cache"));
        RunFolder run = RunFolder.create(tmp.resolve("runs"), "prep", "test", config, 12345);
        PrepareFeatures.Result result = PrepareFeatures.run(config, cache, run, false);
        PrepareFeatures.DatasetSummary summary = result.datasets().get(0);
        assertEquals(535, summary.clips());
        assertEquals(6, summary.trainSpeakers().size());

        Corpus corpus = Corpus.load(Corpus.EMODB);
        Map<String, LogMel> mels = cache.load(corpus, PreprocessConfig.defaults());
        Fold split = Splits.speakerSplit(corpus.clips(), 12345);
        List<float[][]> train = new ArrayList<>();
        List<float[][]> all = new ArrayList<>();
        for (Clip c : split.train()) train.add(mels.get(c.key()).db());
        for (Clip c : corpus.clips()) all.add(mels.get(c.key()).db());
        BandNormalizer stored = BandNormalizer.load(run.file(summary.normalizer()));
        BandNormalizer trainOnly = BandNormalizer.fit(train);
        BandNormalizer everything = BandNormalizer.fit(all);
        assertArrayEquals(trainOnly.mean(), stored.mean(), 1e-9);
        assertArrayEquals(trainOnly.std(), stored.std(), 1e-9);
        assertEquals(trainOnly.frameCount(), stored.frameCount());
        double difference = 0;
        for (int b = 0; b < stored.mean().length; b++) difference += Math.abs(stored.mean()[b] - everything.mean()[b]);
        assertTrue(difference > 1e-3, "statistics over all speakers would differ: the test would notice leakage");
        assertTrue(split.test().stream().noneMatch(c -> summary.trainSpeakers().contains(c.speakerKey())));
    }
}
