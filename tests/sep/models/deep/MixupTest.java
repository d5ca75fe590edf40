package sep.models.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixupTest {

    /** Example i is the constant i (2 values each). */
    private static float[] inputs(int n) {
        float[] x = new float[n * 2];
        for (int i = 0; i < n; i++) x[2 * i] = x[2 * i + 1] = i;
        return x;
    }

    /** Example i's target row: class y[i] with its class weight 1 + i. */
    private static float[] targets(int n, int[] y) {
        float[] t = new float[n * 3];
        for (int i = 0; i < n; i++) t[3 * i + y[i]] = 1 + i;
        return t;
    }

    @Test
    void blendsEachExampleWithOnePartnerByOneWeightPerBatch() {
        // example i is the unit vector e_i, so a blend l e_i + (1-l) e_p shows its weight and partner directly
        int n = 8;
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
        float[] x = new float[n * n];
        for (int i = 0; i < n; i++) x[i * n + i] = 1;
        float[] t = targets(n, y);
        int[] dominant = new Mixup(0.4, 7).apply(x, n, t, 3, y, new SplittableRandom(1));

        float l = Float.NaN;
        boolean[] taken = new boolean[n];
        for (int i = 0; i < n; i++) {
            int partner = i;
            for (int k = 0; k < n; k++) if (k != i && x[i * n + k] > 0) partner = k;
            float own = x[i * n + i];
            if (partner == i) {
                assertEquals(1f, own, 1e-6f, "blended with itself: unchanged");
            } else {
                if (Float.isNaN(l)) l = own;
                assertEquals(l, own, 1e-6f, "one weight per batch");
                assertEquals(1 - l, x[i * n + partner], 1e-6f);
            }
            assertTrue(!taken[partner], "partners are a permutation of the batch");
            taken[partner] = true;
            float weightOwn = partner == i ? 1f : l;
            float[] expected = new float[3];
            expected[y[i]] += weightOwn * (1 + i);
            expected[y[partner]] += (1 - weightOwn) * (1 + partner);
            for (int c = 0; c < 3; c++) assertEquals(expected[c], t[3 * i + c], 1e-5f, "targets blend like the inputs, class weights included");
            assertEquals(weightOwn >= 0.5f ? y[i] : y[partner], dominant[i], "the dominant label is the heavier example's");
        }
        assertTrue(!Float.isNaN(l) && l > 0 && l < 1, "some examples were blended, by a weight inside (0, 1): " + l);
    }

    @Test
    void sameSeedsBlendAlikeAndBadInputIsRefused() {
        int n = 6;
        int[] y = {0, 1, 2, 0, 1, 2};
        float[] a = inputs(n), b = inputs(n), ta = targets(n, y), tb = targets(n, y);
        new Mixup(0.2, 3).apply(a, 2, ta, 3, y, new SplittableRandom(5));
        new Mixup(0.2, 3).apply(b, 2, tb, 3, y, new SplittableRandom(5));
        assertArrayEquals(a, b, 0f);
        assertArrayEquals(ta, tb, 0f);
        assertTrue(!java.util.Arrays.equals(a, inputs(n)), "the batch was blended");

        assertThrows(IllegalArgumentException.class, () -> new Mixup(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Mixup(Double.POSITIVE_INFINITY, 1));
        assertThrows(IllegalArgumentException.class, () -> new Mixup(0.2, 1).apply(new float[5], 2, new float[9], 3, y.clone(), new SplittableRandom(1)));
    }
}
