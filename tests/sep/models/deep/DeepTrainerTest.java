package sep.models.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sep.models.EmotionModel;
import sep.models.ModelStore;
import sep.training.ClassificationMetrics;

/** Training on real EmoDB clips: proof of learning, save/load, max-batches, resume, bad input. */
class DeepTrainerTest {

    static List<LabelledMel> clips32;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadClips() throws IOException {
        // 32 clips, at most 5 per class, in file order: every class present, several speakers
        int[] perClass = new int[EmoDb.LABELS.size()];
        List<Path> chosen = new ArrayList<>();
        for (Path p : EmoDb.files()) {
            int y = EmoDb.label(p);
            if (perClass[y] < 5 && chosen.size() < 32) {
                perClass[y]++;
                chosen.add(p);
            }
        }
        clips32 = EmoDb.load(chosen);
        assertEquals(32, clips32.size());
    }

    static List<float[][]> mels(List<LabelledMel> clips) {
        return clips.stream().map(LabelledMel::db).toList();
    }

    /**
     * Short crops, no augmentation or dropout, a high constant rate: memorising 32 clips quickly. The EfficientNet gets
     * 1e-3: without weight decay, at 3e-3 one run in a few and at 1.5e-3 one in about ten had NaN outputs around epoch 35
     * (37 updates: one step per epoch), in validation while its training outputs were finite (thread timing changes the
     * sums libtorch computes, so runs are not bit-identical; the same run under the NaN-filling allocator of
     * UninitialisedMemoryTest stayed finite, so it is the weights, not the kernels).
     */
    static DeepConfig overfitConfig(Architecture a) {
        return DeepConfig.builder(a).width(16).cropFrames(96).epochs(switch (a) { case ANN -> 80; case CNN -> 40; default -> 60; })
                .learningRate(a == Architecture.EFFICIENTNET ? 1e-3 : 3e-3)
                .schedule("constant").warmupEpochs(1).patience(0).noMasks().dropout(0).weightDecay(0).build();
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void overfits32RealClipsAndSurvivesSaveLoad(Architecture a) throws IOException {
        long t0 = System.nanoTime();
        TrainResult r = DeepTrainer.train(overfitConfig(a), clips32, clips32, EmoDb.LABELS, tmp.resolve("ckpt"), false, null);
        try (DeepModel model = r.model()) {
            double[][] p = model.predictLogMel(mels(clips32));
            int[] truth = clips32.stream().mapToInt(LabelledMel::label).toArray();
            double acc = ClassificationMetrics.accuracy(truth, ClassificationMetrics.argmax(p));
            double firstLoss = r.history().get(0).trainLoss();
            double lastLoss = r.history().get(r.history().size() - 1).trainLoss();
            System.out.printf("%s: %d epochs in %.1f s, clip accuracy %.3f, train loss %.3f -> %.3f, best epoch %d%n",
                    a.id(), r.history().size(), (System.nanoTime() - t0) / 1e9, acc, firstLoss, lastLoss, r.bestEpoch());
            assertTrue(acc >= 0.9, a + ": training-clip accuracy " + acc + " below 0.9");
            for (double[] row : p) {
                double sum = 0;
                for (double v : row) sum += v;
                assertEquals(1.0, sum, 1e-5);
            }

            Path dir = tmp.resolve("model");
            model.save(dir);
            try (EmotionModel loaded = ModelStore.load(dir)) {
                assertEquals(a.id(), loaded.kind());
                assertEquals(EmoDb.LABELS, loaded.labels());
                double[][] q = loaded.predictLogMel(mels(clips32));
                for (int i = 0; i < p.length; i++) assertArrayEquals(p[i], q[i], 0.0, "clip " + i + " after reload");
                float[] e1 = model.embedding(clips32.get(0).db());
                float[] e2 = ((DeepModel) loaded).embedding(clips32.get(0).db());
                assertEquals(model.embeddingSize(), e1.length);
                assertArrayEquals(e1, e2, 0f);
            }
        }
    }

    /** Small and fast, but with masks and dropout on: every source of randomness is exercised. */
    static DeepConfig quickConfig(int epochs) {
        return DeepConfig.builder(Architecture.CNN).cropFrames(64).epochs(epochs).batchSize(8).warmupEpochs(1).patience(0)
                .width(8).timeMaskWidth(10).build();
    }

    static List<float[][]> one(float[][] clip) {
        return java.util.Collections.singletonList(clip);
    }

    static int globalStep(Path checkpointDir) throws IOException {
        return new ObjectMapper().readTree(checkpointDir.resolve("last/trainer-state.json").toFile()).path("globalStep").asInt();
    }

    @Test
    void maxBatchesLimitsStepsPerEpoch() throws IOException {
        // 32 clips at batch 8 are 4 steps per epoch; maxBatches 1 leaves one
        Path all = tmp.resolve("all"), one = tmp.resolve("one");
        DeepTrainer.train(quickConfig(2), clips32, clips32.subList(0, 8), EmoDb.LABELS, all, false, null).model().close();
        DeepTrainer.train(quickConfig(2).toBuilder().maxBatches(1).build(), clips32, clips32.subList(0, 8), EmoDb.LABELS, one, false, null).model().close();
        assertEquals(8, globalStep(all));
        assertEquals(2, globalStep(one));
    }

    @Test
    void initFromCopiesTheFeatureLayersAndNotTheClassifier() throws IOException {
        List<LabelledMel> train = clips32.subList(0, 24), val = clips32.subList(24, 32);
        DeepConfig config = quickConfig(1).toBuilder().maxBatches(1).build();
        Path source = tmp.resolve("pretrained");
        DeepTrainer.train(config, train, val, EmoDb.LABELS, source, false, null).model().close();
        // a rate so small that one step leaves every weight where it started: what B starts from is what it ends with
        DeepConfig still = config.toBuilder().learningRate(1e-12).seed(config.seed() + 1).build();
        try (DeepModel a = DeepModel.load(source.resolve("best"));
             DeepModel b = DeepTrainer.train(still, null, train, val, EmoDb.LABELS, tmp.resolve("warm"), false, null, source.resolve("best")).model();
             DeepModel c = DeepTrainer.train(still, train, val, EmoDb.LABELS, tmp.resolve("cold"), false, null).model()) {
            var pa = a.network().features().getParameters();
            var pb = b.network().features().getParameters();
            var pc = c.network().features().getParameters();
            int weights = 0;
            for (int i = 0; i < pa.size(); i++) {
                if (pa.get(i).getValue().getType() != ai.djl.nn.Parameter.Type.WEIGHT) continue; // batch-norm statistics move in training
                float[] wa = pa.get(i).getValue().getArray().toFloatArray();
                assertArrayEquals(wa, pb.get(i).getValue().getArray().toFloatArray(), 1e-6f, pa.get(i).getKey());
                assertTrue(!java.util.Arrays.equals(wa, pc.get(i).getValue().getArray().toFloatArray()), "a cold start differs: " + pa.get(i).getKey());
                weights++;
            }
            assertTrue(weights >= 3, "compared " + weights + " weight tensors");
            float[] headA = a.network().head().getParameters().get(0).getValue().getArray().toFloatArray();
            float[] headB = b.network().head().getParameters().get(0).getValue().getArray().toFloatArray();
            assertTrue(!java.util.Arrays.equals(headA, headB), "the classifier starts afresh");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepTrainer.train(
                DeepConfig.builder(Architecture.ANN).epochs(1).warmupEpochs(0).maxBatches(1).build(), null, train, val, EmoDb.LABELS,
                tmp.resolve("other-network"), false, null, source.resolve("best")));
        assertTrue(e.getMessage().contains("cannot start from it"), e.getMessage());
    }

    @Test
    void mixupChangesTrainingAndRepeatsWithTheSameSeed() throws IOException {
        List<LabelledMel> train = clips32.subList(0, 24), val = clips32.subList(24, 32);
        DeepConfig plain = quickConfig(2).toBuilder().maxBatches(2).build();
        DeepConfig mixed = plain.toBuilder().mixup(0.4).build();
        TrainResult a = DeepTrainer.train(mixed, train, val, EmoDb.LABELS, tmp.resolve("mixup-a"), false, null);
        TrainResult b = DeepTrainer.train(mixed, train, val, EmoDb.LABELS, tmp.resolve("mixup-b"), false, null);
        TrainResult c = DeepTrainer.train(plain, train, val, EmoDb.LABELS, tmp.resolve("plain"), false, null);
        for (int e = 0; e < 2; e++) {
            assertEquals(a.history().get(e).trainLoss(), b.history().get(e).trainLoss(), 0.0, "epoch " + (e + 1));
            assertTrue(Double.isFinite(a.history().get(e).trainLoss()));
        }
        assertTrue(a.history().get(0).trainLoss() != c.history().get(0).trainLoss(), "mixup is not ignored");
        for (TrainResult r : List.of(a, b, c)) r.model().close();
    }

    @Test
    void resumeContinuesExactlyAndSameSeedRepeats() throws IOException {
        List<LabelledMel> train = clips32.subList(0, 24), val = clips32.subList(24, 32);
        DeepConfig config = quickConfig(4);
        TrainResult whole = DeepTrainer.train(config, train, val, EmoDb.LABELS, tmp.resolve("whole"), false, null);

        Path dir = tmp.resolve("interrupted");
        RuntimeException stop = new RuntimeException("stopped after epoch 2");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> DeepTrainer.train(config, train, val, EmoDb.LABELS, dir, false,
                (s, total, eta) -> {
                    if (s.epoch() == 2) throw stop;
                }));
        assertEquals(stop, thrown);
        List<Integer> resumedEpochs = new ArrayList<>();
        TrainResult resumed = DeepTrainer.train(config, train, val, EmoDb.LABELS, dir, true, (s, total, eta) -> resumedEpochs.add(s.epoch()));
        assertEquals(List.of(3, 4), resumedEpochs, "the epoch count continues from the checkpoint");
        assertEquals(4, resumed.history().size());
        for (int e = 0; e < 4; e++) {
            EpochStats a = whole.history().get(e), b = resumed.history().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "epoch " + (e + 1) + " train loss");
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), 0.0);
            assertEquals(a.validationLoss(), b.validationLoss(), 0.0, "epoch " + (e + 1) + " validation loss");
            assertEquals(a.learningRate(), b.learningRate(), 0.0);
        }
        assertEquals(whole.bestEpoch(), resumed.bestEpoch());
        double[][] p = whole.model().predictLogMel(mels(val));
        double[][] q = resumed.model().predictLogMel(mels(val));
        for (int i = 0; i < p.length; i++) assertArrayEquals(p[i], q[i], 0.0);

        // a different seed takes a different path (the seed is not ignored)
        TrainResult other = DeepTrainer.train(config.toBuilder().seed(config.seed() + 1).build(), train, val, EmoDb.LABELS, tmp.resolve("other"), false, null);
        assertTrue(other.history().get(0).trainLoss() != whole.history().get(0).trainLoss());
        // resuming a finished run trains nothing and returns the same best model
        TrainResult again = DeepTrainer.train(config, train, val, EmoDb.LABELS, dir, true, (s, total, eta) -> { throw new AssertionError("trained again"); });
        assertArrayEquals(q[0], again.model().predictLogMel(mels(val.subList(0, 1)))[0], 0.0);
        // a checkpoint made with other settings is refused
        IOException e = assertThrows(IOException.class, () -> DeepTrainer.train(config.toBuilder().learningRate(5e-4).build(), train, val,
                EmoDb.LABELS, dir, true, null));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        for (TrainResult r : List.of(whole, resumed, other, again)) r.model().close();
    }

    @Test
    void rejectsBadInput() {
        DeepConfig c = quickConfig(1);
        Path dir = tmp.resolve("bad");
        List<LabelledMel> ok = clips32.subList(0, 4);
        List<String> labels = EmoDb.LABELS;
        assertThrows(IllegalArgumentException.class, () -> DeepTrainer.train(c, List.of(), ok, labels, dir, false, null));
        assertThrows(IllegalArgumentException.class, () -> DeepTrainer.train(c, ok, List.of(), labels, dir, false, null));
        assertThrows(IllegalArgumentException.class, () -> DeepTrainer.train(c, ok.subList(0, 1), ok, labels, dir, false, null));
        assertThrows(IllegalArgumentException.class, () -> DeepTrainer.train(c, ok, ok, List.of("anger"), dir, false, null));
        assertThrows(IllegalArgumentException.class, () -> DeepTrainer.train(c, ok, ok, List.of("anger", "anger"), dir, false, null));
        float[][] db = clips32.get(0).db();
        List<LabelledMel> tooHigh = List.of(ok.get(0), new LabelledMel("x", db, 7));
        List<LabelledMel> negative = List.of(ok.get(0), new LabelledMel("x", db, -1));
        List<LabelledMel> noFrames = List.of(ok.get(0), new LabelledMel("x", new float[128][0], 1));
        List<LabelledMel> fewerBands = List.of(ok.get(0), new LabelledMel("x", new float[64][100], 1));
        for (List<LabelledMel> bad : List.of(tooHigh, negative, noFrames, fewerBands)) {
            assertThrows(IllegalArgumentException.class, () -> DeepTrainer.train(c, bad, ok, labels, dir, false, null));
            assertThrows(IllegalArgumentException.class, () -> DeepTrainer.train(c, ok, bad, labels, dir, false, null));
        }
        assertThrows(IllegalArgumentException.class, () -> DeepTrainer.train(null, ok, ok, labels, dir, false, null));
    }

    @Test
    void predictionRejectsBadClipsAndSavedFolderNeedsItsFiles() throws IOException {
        try (DeepModel m = DeepTrainer.train(quickConfig(1).toBuilder().maxBatches(1).build(), clips32, clips32.subList(0, 4), EmoDb.LABELS,
                tmp.resolve("ckpt"), false, null).model()) {
            assertThrows(IllegalArgumentException.class, () -> m.predictLogMel(one(new float[128][0])));
            assertThrows(IllegalArgumentException.class, () -> m.predictLogMel(one(new float[40][10])));
            assertThrows(IllegalArgumentException.class, () -> m.predictLogMel(null));
            assertEquals(0, m.predictLogMel(List.of()).length);
            // a one-frame clip is a valid clip
            assertEquals(7, m.predictLogMel(one(new float[128][1]))[0].length);
            Path dir = tmp.resolve("saved");
            m.save(dir);
            java.nio.file.Files.delete(dir.resolve("weights.params"));
            IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("weights.params"), e.getMessage());
        }
    }
}
