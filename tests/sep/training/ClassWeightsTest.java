package sep.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClassWeightsTest {

    static int[] labels(int... counts) {
        int n = 0;
        for (int c : counts) n += c;
        int[] y = new int[n];
        int i = 0;
        for (int c = 0; c < counts.length; c++) for (int k = 0; k < counts[c]; k++) y[i++] = c;
        return y;
    }

    @Test
    void inverseFrequencyScaledToMeanOne() {
        int[] y = labels(10, 30, 60);
        double[] w = ClassWeights.inverseFrequency(y, 3);
        // N / (K n_c) = 100 / (3 * n_c)
        assertArrayEquals(new double[] {100.0 / 30, 100.0 / 90, 100.0 / 180}, w, 1e-12);
        double total = 0;
        for (int label : y) total += w[label];
        assertEquals(y.length, total, 1e-9, "mean weight per example is 1");
        // every class carries the same total weight
        assertEquals(10 * w[0], 60 * w[2], 1e-9);
    }

    @Test
    void balancedSetGetsOnesAndAbsentClassZero() {
        assertArrayEquals(new double[] {1, 1, 1, 1}, ClassWeights.inverseFrequency(labels(5, 5, 5, 5), 4), 1e-12);
        // class 1 absent: K counts the two present classes
        double[] w = ClassWeights.inverseFrequency(labels(4, 0, 12), 3);
        assertArrayEquals(new double[] {16.0 / 8, 0, 16.0 / 24}, w, 1e-12);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.inverseFrequency(new int[0], 3));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.inverseFrequency(new int[] {0, 3}, 3));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.inverseFrequency(new int[] {-1}, 3));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.inverseFrequency(new int[] {0}, 0));
    }
}
