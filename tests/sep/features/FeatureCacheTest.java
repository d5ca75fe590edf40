package sep.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sep.audio.Audio;
import sep.audio.AudioDecoder;
import sep.audio.PadOrCrop;
import sep.data.Corpus;
import sep.data.DataLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The feature cache: computed once, re-used, recomputed for exactly what changed. */
class FeatureCacheTest {
    static final List<String> CLIPS = List.of("03a01Fa", "03a01Nc", "14a07Aa", "08a01Ab", "16b10Tb", "09b03Lb");

    @Test
    void reusesUnchangedClipsAndRecomputesChangedOnes(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        Path wav = Files.createDirectories(data.resolve("emodb/wav"));
        for (String id : CLIPS) copy(id, wav);
        FeatureCache cache = new FeatureCache(tmp.resolve("cache"));
        PreprocessConfig config = PreprocessConfig.defaults();

        FeatureCache.Stats[] stats = new FeatureCache.Stats[1];
        Map<String, LogMel> first = cache.load(Corpus.load(Corpus.EMODB, data, false), config, false, stats);
        assertEquals(6, stats[0].computed());
        assertEquals(6, first.size());

        Map<String, LogMel> second = cache.load(Corpus.load(Corpus.EMODB, data, false), config, false, stats);
        assertEquals(6, stats[0].reused());
        assertEquals(0, stats[0].computed());
        for (String key : first.keySet()) {
            assertArrayEquals(first.get(key).db()[10], second.get(key).db()[10], "cached values are the computed ones");
            assertEquals(first.get(key).refPower(), second.get(key).refPower());
        }

        // A file whose content changed is recomputed alone; a removed one is dropped.
        Files.copy(source("03a01Nc"), wav.resolve("03a01Fa.wav"), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(wav.resolve("16b10Tb.wav"));
        Map<String, LogMel> third = cache.load(Corpus.load(Corpus.EMODB, data, false), config, false, stats);
        assertEquals(1, stats[0].computed());
        assertEquals(4, stats[0].reused());
        assertEquals(1, stats[0].dropped());
        assertArrayEquals(first.get("emodb:03a01Nc").db()[5], third.get("emodb:03a01Fa").db()[5]);

        // Another config is another cache file, computed in full.
        PreprocessConfig fewerMels = new PreprocessConfig(60, 0, PadOrCrop.Mode.START, LogMelConfig.defaults().withMels(64));
        Map<String, LogMel> other = cache.load(Corpus.load(Corpus.EMODB, data, false), fewerMels, false, stats);
        assertEquals(5, stats[0].computed());
        assertEquals(64, other.get("emodb:03a01Nc").mels());
        assertNotEquals(cache.fileFor(Corpus.EMODB, config), cache.fileFor(Corpus.EMODB, fewerMels));
    }

    @Test
    void aDamagedCacheFileIsRebuilt(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        Path wav = Files.createDirectories(data.resolve("emodb/wav"));
        copy("03a01Fa", wav);
        FeatureCache cache = new FeatureCache(tmp.resolve("cache"));
        Corpus corpus = Corpus.load(Corpus.EMODB, data, false);
        cache.load(corpus, PreprocessConfig.defaults());
        Path file = cache.fileFor(Corpus.EMODB, PreprocessConfig.defaults());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        FeatureCache.Stats[] stats = new FeatureCache.Stats[1];
        assertEquals(1, cache.load(corpus, PreprocessConfig.defaults(), false, stats).size());
        assertEquals(1, stats[0].computed());
    }

    @Test
    void cachedFeaturesEqualTheOnePreprocessingPath(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        Path wav = Files.createDirectories(data.resolve("emodb/wav"));
        copy("14a07Aa", wav);
        Map<String, LogMel> cached = new FeatureCache(tmp.resolve("cache")).load(Corpus.load(Corpus.EMODB, data, false),
                PreprocessConfig.defaults());
        LogMel direct = new Preprocessor(PreprocessConfig.defaults()).process(source("14a07Aa"));
        assertArrayEquals(direct.db()[40], cached.get("emodb:14a07Aa").db()[40]);
    }

    @Test
    void paperSettingPadsToTenSecondsAt22050() throws IOException {
        Preprocessor paper = new Preprocessor(PreprocessConfig.paper());
        LogMel mel = paper.process(source("03a01Fa"));
        assertEquals(80, mel.mels());
        assertEquals(1 + 220500 / 256, mel.frames(), "10 s at 22,050 Hz, hop 256, centred: 862 frames");
    }

    @Test
    void silenceIsRefusedNotClassified() {
        Preprocessor p = new Preprocessor(PreprocessConfig.defaults());
        SilentAudioException e = assertThrows(SilentAudioException.class, () -> p.logMel(new Audio(new float[16000], 16000)));
        assertTrue(e.getMessage().contains("silent"), e.getMessage());
    }

    @Test
    void resampledOriginalsGiveNearlyTheFeaturesOfTheReferenceConversion() throws IOException {
        Path data = DataLocation.dataDir();
        Preprocessor p = new Preprocessor(new PreprocessConfig(0, 0, PadOrCrop.Mode.START, LogMelConfig.defaults()));
        LogMel fromOriginal = p.logMel(AudioDecoder.readMono(data.resolve("ravdess-48k/Actor_24/03-01-05-02-01-01-24.wav")));
        LogMel fromReference = p.process(data.resolve("ravdess/Actor_24/03-01-05-02-01-01-24.flac"));
        assertEquals(fromReference.frames(), fromOriginal.frames());
        double sum = 0;
        int cells = 0;
        for (int m = 0; m < fromReference.mels(); m++) {
            for (int t = 0; t < fromReference.frames(); t++) {
                if (fromReference.db()[m][t] > -60) {
                    sum += Math.abs(fromReference.db()[m][t] - fromOriginal.db()[m][t]);
                    cells++;
                }
            }
        }
        assertTrue(sum / cells < 0.5, "mean |dB difference| over cells above -60 dB: " + sum / cells);
    }

    static Path source(String id) {
        return DataLocation.dataDir().resolve("emodb/wav/" + id + ".wav");
    }

    static void copy(String id, Path folder) throws IOException {
        Files.copy(source(id), folder.resolve(id + ".wav"));
    }
}
