package sep.models.deep;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;

import java.util.SplittableRandom;

/**
 * Mixup (Zhang et al., "mixup: Beyond Empirical Risk Minimization", ICLR 2018): every example of a batch is
 * blended with another example of the same batch, {@code x = l x_i + (1 - l) x_j} and likewise its target row,
 * with one weight {@code l ~ Beta(alpha, alpha)} per batch. On small corpora it discourages the sharp,
 * speaker-specific decision boundaries a network otherwise learns from a few hundred clips.
 *
 * <p>Targets are the class-weighted one-hot rows of the loss, so the class weighting carries over to the blend.
 */
final class Mixup {
    private final BetaDistribution beta;

    /** @param seed draws of the blend weights; the partner of each example comes from the caller's random source. */
    Mixup(double alpha, long seed) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) throw new IllegalArgumentException("mixup alpha must be positive, got " + alpha);
        this.beta = new BetaDistribution(new Well19937c(seed), alpha, alpha, BetaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
    }

    /**
     * Blends a batch in place: {@code x} holds {@code y.length} examples of {@code exampleSize} values, {@code target}
     * their rows of {@code classes}. Returns, per example, the label that dominates its blend (for training accuracy).
     */
    int[] apply(float[] x, int exampleSize, float[] target, int classes, int[] y, SplittableRandom rng) {
        int n = y.length;
        if (x.length != n * exampleSize || target.length != n * classes) {
            throw new IllegalArgumentException("batch of " + n + " needs " + n * exampleSize + " inputs and " + n * classes
                    + " targets, got " + x.length + " and " + target.length);
        }
        float l = (float) beta.sample();
        int[] partner = new int[n];
        for (int i = 0; i < n; i++) partner[i] = i;
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = rng.nextInt(i + 1);
            int t = partner[i]; partner[i] = partner[j]; partner[j] = t;
        }
        float[] x0 = x.clone();
        float[] t0 = target.clone();
        int[] dominant = new int[n];
        for (int i = 0; i < n; i++) {
            int p = partner[i];
            for (int k = 0; k < exampleSize; k++) x[i * exampleSize + k] = l * x0[i * exampleSize + k] + (1 - l) * x0[p * exampleSize + k];
            for (int c = 0; c < classes; c++) target[i * classes + c] = l * t0[i * classes + c] + (1 - l) * t0[p * classes + c];
            dominant[i] = l >= 0.5f ? y[i] : y[p];
        }
        return dominant;
    }
}
