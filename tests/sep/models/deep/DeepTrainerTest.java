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

    /** Short crops, no augmentation or dropout, a high constant rate: memorising 32 clips quickly. */
    static DeepConfig overfitConfig(Architecture a) {
        return DeepConfig.builder(a).cropFrames(96).epochs(switch (a) { case ANN -> 80; case CNN -> 40; default -> 60; }).learningRate(3e-3)
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
}
