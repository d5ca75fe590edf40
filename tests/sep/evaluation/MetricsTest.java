package sep.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** WA, UA over present classes, macro-F1, pooling. */
class MetricsTest {
    static final List<String> LABELS = List.of("a", "b", "c");

    @Test
    void computesTheStandardMetrics() {
        int[] truth = {0, 0, 0, 0, 1, 1, 2, 2};
        int[] pred = {0, 0, 0, 1, 1, 0, 2, 2};
        Metrics m = Metrics.of(LABELS, truth, pred);
        assertEquals(6 / 8.0, m.wa(), 1e-12);
        assertEquals((0.75 + 0.5 + 1.0) / 3, m.ua(), 1e-12);
        double f1a = 2 * 0.75 * 0.75 / 1.5, f1b = 2 * 0.5 * 0.5 / 1.0, f1c = 1.0;
        assertEquals((f1a + f1b + f1c) / 3, m.macroF1(), 1e-12);
        assertEquals(1, m.confusion()[0][1]);
    }

    @Test
    void classesAbsentFromTheTruthAreLeftOutOfUa() {
        // EmoDB speaker 08 has no disgust: UA averages over the classes present.
        Metrics m = Metrics.of(LABELS, new int[]{0, 1}, new int[]{0, 2});
        assertEquals(0.5, m.ua(), 1e-12);
        assertTrue(Double.isNaN(m.recall()[2]));
        Metrics pooled = Metrics.pooled(List.of(m, Metrics.of(LABELS, new int[]{2}, new int[]{2})));
        assertEquals((1 + 0 + 1) / 3.0, pooled.ua(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Metrics.of(LABELS, new int[]{3}, new int[]{0}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.of(LABELS, new int[]{0}, new int[]{0, 1}));
    }
}
