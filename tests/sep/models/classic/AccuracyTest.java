package sep.models.classic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void weightedAndUnweightedDifferOnImbalancedClasses() {
        // 8 of class 0 all right, 2 of class 1 both wrong: WA 0.8, UA (1 + 0) / 2 = 0.5
        int[] truth = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        int[] pred = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(0.8, Accuracy.weighted(truth, pred), 1e-12);
        assertEquals(0.5, Accuracy.unweighted(truth, pred, 2), 1e-12);
        // a class absent from the truth does not count: UA over classes 0 and 2 only
        assertEquals(0.75, Accuracy.unweighted(new int[] {0, 0, 2, 2}, new int[] {0, 0, 2, 1}, 3), 1e-12);
    }

    @Test
    void argmaxTakesTheFirstOfTies() {
        assertArrayEquals(new int[] {1, 0, 2}, Accuracy.argmax(new double[][] {{0.2, 0.5, 0.3}, {0.5, 0.5, 0}, {0, 0.1, 0.9}}));
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Accuracy.weighted(new int[] {0}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.weighted(new int[0], new int[0]));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.unweighted(new int[] {3}, new int[] {0}, 2));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.argmax(new double[][] {{}}));
    }
}
