package sep.models.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import sep.features.acoustic.AcousticFeatures;
import sep.features.acoustic.EmoDbClips;

/**
 * Real EmoDB, speaker-disjoint: speakers 03 (male) and 08 (female) are the test set, 09 (female)
 * and 10 (male) validation, the other six speakers training. The three kinds are trained once each
 * and shared by the tests of this class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassicModelTest {

    static final Set<Integer> TEST_SPEAKERS = Set.of(3, 8);
    static final Set<Integer> VAL_SPEAKERS = Set.of(9, 10);
    static final List<String> LABELS = EmoDbClips.LABELS;
    static final List<String> NAMES = AcousticFeatures.names();

    record Split(float[][] x, int[] y) {}

    Split train, val, test;
    final Map<ClassicKind, ClassicModel> models = new EnumMap<>(ClassicKind.class);

    @BeforeAll
    void splitAndTrain() {
        float[][] f = EmoDbClips.features();
        List<EmoDbClips.Clip> clips = EmoDbClips.all();
        List<Integer> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            int s = clips.get(i).speaker();
            (TEST_SPEAKERS.contains(s) ? te : VAL_SPEAKERS.contains(s) ? va : tr).add(i);
        }
        train = subset(f, clips, tr);
        val = subset(f, clips, va);
        test = subset(f, clips, te);
        System.out.printf("EmoDB split: train %d clips (speakers 11-16), validation %d (09, 10), test %d (03, 08)%n",
                tr.size(), va.size(), te.size());
        for (ClassicKind kind : ClassicKind.values()) {
            long t0 = System.nanoTime();
            ClassicModel m = ClassicModel.train(ClassicConfig.defaults(kind), train.x, train.y, val.x, val.y, LABELS, NAMES);
            double[][] p = m.predictProba(test.x);
            int[] pred = Accuracy.argmax(p);
            System.out.printf("%-8s test WA %.1f %%, UA %.1f %% (validation UA %.1f %%), trained in %.1f s; %s%n", kind,
                    100 * Accuracy.weighted(test.y, pred), 100 * Accuracy.unweighted(test.y, pred, LABELS.size()),
                    100 * (double) m.chosenHyperparameters().get("validationUA"), (System.nanoTime() - t0) / 1e9, brief(m));
            models.put(kind, m);
        }
    }

    private static String brief(ClassicModel m) {
        Map<String, Object> h = m.chosenHyperparameters();
        return switch (m.kind()) {
            case SVM -> "C " + h.get("C") + ", gamma " + h.get("gamma");
            case XGBOOST -> h.get("xgbRounds") + " rounds, depth " + h.get("xgbDepth") + ", eta " + h.get("xgbEta");
            case LOGISTIC -> h.get("sgdEpochs") + " epochs";
        };
    }

    static Split subset(float[][] f, List<EmoDbClips.Clip> clips, List<Integer> idx) {
        float[][] x = new float[idx.size()][];
        int[] y = new int[idx.size()];
        for (int i = 0; i < idx.size(); i++) {
            x[i] = f[idx.get(i)];
            y[i] = clips.get(idx.get(i)).label();
        }
        return new Split(x, y);
    }

    @ParameterizedTest
    @EnumSource(ClassicKind.class)
    void speakerDisjointTestAccuracyIsWellAboveChance(ClassicKind kind) {
        int[] pred = Accuracy.argmax(models.get(kind).predictProba(test.x));
        double ua = Accuracy.unweighted(test.y, pred, LABELS.size());
        // chance is 1/7 = 14.3 %; SVM on eGeMAPS-like features reaches well over 55 % speaker-independently
        double floor = kind == ClassicKind.SVM ? 0.55 : 0.45;
        assertTrue(ua >= floor, kind + " test UA " + ua);
    }

    @ParameterizedTest
    @EnumSource(ClassicKind.class)
    void probabilitiesAreDistributionsInOurLabelOrder(ClassicKind kind) {
        ClassicModel m = models.get(kind);
        assertEquals(LABELS, m.labels());
        double[][] p = m.predictProba(test.x);
        assertEquals(test.x.length, p.length);
        for (double[] row : p) {
            assertEquals(LABELS.size(), row.length);
            double sum = 0;
            for (double v : row) {
                assertTrue(v >= 0 && v <= 1, "probability " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9);
        }
        // our column order must be Tribuo's label names, not Tribuo's internal ids: compare with its own scores by name
        List<Prediction<Label>> tribuo = m.tribuoPredictions(test.x);
        for (int i = 0; i < p.length; i++) {
            Map<String, Label> scores = tribuo.get(i).getOutputScores();
            double sum = 0;
            for (Label l : scores.values()) sum += l.getScore();
            for (int c = 0; c < LABELS.size(); c++) assertEquals(scores.get(LABELS.get(c)).getScore() / sum, p[i][c], 1e-12);
            assertEquals(tribuo.get(i).getOutput().getLabel(), LABELS.get(Accuracy.argmax(new double[][] {p[i]})[0]), "row " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(ClassicKind.class)
    void saveAndLoadPredictIdentically(ClassicKind kind, @TempDir Path dir) throws Exception {
        ClassicModel m = models.get(kind);
        m.save(dir);
        ClassicModel back = ClassicModel.load(dir);
        double[][] before = m.predictProba(test.x);
        double[][] after = back.predictProba(test.x);
        for (int i = 0; i < before.length; i++) assertArrayEquals(before[i], after[i], 0.0, "row " + i);
        assertEquals(m.kind(), back.kind());
        assertEquals(m.labels(), back.labels());
        assertEquals(m.featureNames(), back.featureNames());
        assertArrayEquals(m.featureMeans(), back.featureMeans(), 0.0);
        assertArrayEquals(m.featureStds(), back.featureStds(), 0.0);
        assertEquals(m.chosenHyperparameters(), back.chosenHyperparameters());
        assertEquals(m.provenanceJson(), back.provenanceJson());
        // the provenance is Tribuo's, as JSON, naming the trainer that made the model
        JsonNode prov = new ObjectMapper().readTree(back.provenanceJson());
        assertTrue(prov.isObject());
        String trainer = switch (kind) {
            case LOGISTIC -> "LinearSGDTrainer";
            case SVM -> "LibSVMClassificationTrainer";
            case XGBOOST -> "XGBoostClassificationTrainer";
        };
        assertTrue(back.provenanceJson().contains(trainer), trainer + " not in provenance");
    }

    @Test
    void svmChoosesOnValidationFromTheWholeGrid() {
        Map<String, Object> h = models.get(ClassicKind.SVM).chosenHyperparameters();
        List<?> grid = (List<?>) h.get("svmGrid");
        assertEquals(ClassicConfig.defaults(ClassicKind.SVM).svmGridSize(), grid.size());
        double best = 0;
        for (Object o : grid) best = Math.max(best, (double) ((Map<?, ?>) o).get("validationUA"));
        assertEquals(best, (double) h.get("validationUA"), 1e-12, "the kept model is the grid's best on validation");
    }

    @Test
    void badInputIsRejected() {
        ClassicConfig cfg = ClassicConfig.defaults(ClassicKind.LOGISTIC);
        float[][] x = {train.x[0], train.x[1]};
        int[] y = {train.y[0], train.y[1]};
        assertThrows(IllegalArgumentException.class, () -> ClassicModel.train(cfg, x, new int[] {0}, null, null, LABELS, NAMES));
        float[][] nan = {train.x[0].clone(), train.x[1]};
        nan[0][5] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassicModel.train(cfg, nan, y, null, null, LABELS, NAMES));
        assertTrue(e.getMessage().contains("feature 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClassicModel.train(cfg, x, new int[] {0, 7}, null, null, LABELS, NAMES));
        assertTrue(e.getMessage().contains("outside 0..6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassicModel.train(cfg, x, new int[] {-1, 0}, null, null, LABELS, NAMES));
        assertThrows(IllegalArgumentException.class, () -> ClassicModel.train(cfg, x, y, null, null, LABELS, NAMES.subList(1, NAMES.size())));
        assertThrows(IllegalArgumentException.class, () -> ClassicModel.train(cfg, x, y, x, null, LABELS, NAMES));
        assertThrows(IllegalArgumentException.class, () -> ClassicModel.train(cfg, x, y, x, new int[] {0, 9}, LABELS, NAMES));
        assertThrows(IllegalArgumentException.class, () -> ClassicModel.train(cfg, x, y, null, null, List.of("a", "a"), NAMES));
        assertThrows(IllegalArgumentException.class, () -> ClassicModel.train(null, x, y, null, null, LABELS, NAMES));
        // an SVM grid needs something to choose on
        e = assertThrows(IllegalArgumentException.class,
                () -> ClassicModel.train(ClassicConfig.defaults(ClassicKind.SVM), x, y, null, null, LABELS, NAMES));
        assertTrue(e.getMessage().contains("validation"), e.getMessage());
        ClassicModel m = models.get(ClassicKind.LOGISTIC);
        assertThrows(IllegalArgumentException.class, () -> m.predictProba(new float[][] {new float[3]}));
        float[][] inf = {test.x[0].clone()};
        inf[0][0] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> m.predictProba(inf));
        assertThrows(IllegalArgumentException.class, () -> new ClassicConfig(ClassicKind.SVM, new double[0], new double[] {1}, 1, 1, 0.1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ClassicConfig(ClassicKind.SVM, new double[] {-1}, new double[] {1}, 1, 1, 0.1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ClassicKind.fromId("random-forest"));
        assertEquals(ClassicKind.XGBOOST, ClassicKind.fromId("xgboost"));
    }
}
