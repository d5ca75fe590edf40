package sep.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void uaAveragesOverClassesPresentInTheTruth() {
        int[] truth = {0, 0, 0, 0, 1, 1, 2, 2};
        int[] pred = {0, 0, 0, 1, 1, 0, 2, 3};
        // recalls: 3/4, 1/2, 1/2; class 3 never true, so it does not count (a speaker without disgust)
        assertEquals((0.75 + 0.5 + 0.5) / 3, ClassificationMetrics.unweightedAccuracy(truth, pred, 4), 1e-12);
        assertEquals(5.0 / 8, ClassificationMetrics.accuracy(truth, pred), 1e-12);
        long[][] m = ClassificationMetrics.confusion(truth, pred, 4);
        assertArrayEquals(new long[] {3, 1, 0, 0}, m[0]);
        assertArrayEquals(new long[] {0, 0, 1, 1}, m[2]);
    }

    @Test
    void collapseOntoOneClassScoresChance() {
        int[] truth = {0, 1, 2, 3, 0, 1, 2, 3};
        int[] pred = new int[8];
        assertEquals(0.25, ClassificationMetrics.unweightedAccuracy(truth, pred, 4), 1e-12);
    }

    @Test
    void argmaxTakesFirstOnTies() {
        assertArrayEquals(new int[] {1, 0, 2}, ClassificationMetrics.argmax(new double[][] {{0.1, 0.8, 0.1}, {0.5, 0.5, 0}, {0, 0.2, 0.8}}));
    }

    @Test
    void rejectsMismatchedInput() {
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.confusion(new int[] {0}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.confusion(new int[] {2}, new int[] {0}, 2));
    }
}
