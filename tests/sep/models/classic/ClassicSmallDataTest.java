package sep.models.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sep.features.acoustic.AcousticFeatures;
import sep.features.acoustic.EmoDbClips;

/** Proof of learning on a small real set: 32 EmoDB clips, every emotion, several speakers. */
class ClassicSmallDataTest {

    /** The first clips of each emotion in file order (so several speakers), 32 in all: 5 each of the first four labels, 4 of the rest. */
    static ClassicModelTest.Split small() {
        float[][] f = EmoDbClips.features();
        List<EmoDbClips.Clip> clips = EmoDbClips.all();
        int[] taken = new int[7];
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            int y = clips.get(i).label();
            int quota = y < 4 ? 5 : 4;
            if (taken[y] < quota) {
                taken[y]++;
                idx.add(i);
            }
        }
        if (idx.size() != 32) throw new IllegalStateException("expected 32 clips, got " + idx.size());
        return ClassicModelTest.subset(f, clips, idx);
    }

    @ParameterizedTest
    @EnumSource(ClassicKind.class)
    void fitsItsTrainingDataAndIsDeterministic(ClassicKind kind) {
        ClassicModelTest.Split s = small();
        // one SVM pair, so no validation set is needed: a large C to let it fit, gamma about 1 / features
        ClassicConfig cfg = ClassicConfig.defaults(kind).withSvm(10, 1.0 / AcousticFeatures.size());
        ClassicModel m = ClassicModel.train(cfg, s.x(), s.y(), null, null, EmoDbClips.LABELS, AcousticFeatures.names());
        double[][] p = m.predictProba(s.x());
        double acc = Accuracy.weighted(s.y(), Accuracy.argmax(p));
        System.out.printf("%-8s training accuracy on 32 clips: %.1f %%%n", kind, 100 * acc);
        assertTrue(acc >= 0.9, kind + " fits only " + acc + " of its 32 training clips");
        // same data, same seed: same model
        double[][] again = ClassicModel.train(cfg, s.x(), s.y(), null, null, EmoDbClips.LABELS, AcousticFeatures.names()).predictProba(s.x());
        for (int i = 0; i < p.length; i++) assertArrayEquals(p[i], again[i], 0.0, kind + " row " + i);
    }
}
