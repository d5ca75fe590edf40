package sep.training;

/**
 * Class weights for an imbalanced training set: inverse class frequency, scaled so that the average
 * weight per training example is 1 ({@code w[c] = N / (K * n[c])} with K the number of classes that
 * occur). Scaled this way a weighted loss keeps the size of the unweighted one, so the learning rate
 * means the same with and without weights; this is scikit-learn's "balanced" rule.
 */
public final class ClassWeights {
    private ClassWeights() {}

    /**
     * @param labels  class index of every training example, each in {@code [0, classes)}
     * @param classes number of classes
     * @return one weight per class; a class with no example gets 0 (no example would carry it anyway)
     */
    public static double[] inverseFrequency(int[] labels, int classes) {
        if (labels == null || labels.length == 0) throw new IllegalArgumentException("labels must not be empty");
        if (classes < 1) throw new IllegalArgumentException("classes must be positive, got " + classes);
        long[] counts = new long[classes];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " of example " + i + " is outside 0.." + (classes - 1));
            }
            counts[y]++;
        }
        int present = 0;
        for (long c : counts) if (c > 0) present++;
        double[] w = new double[classes];
        for (int c = 0; c < classes; c++) {
            w[c] = counts[c] == 0 ? 0.0 : labels.length / ((double) present * counts[c]);
        }
        return w;
    }

    /** All ones: the unweighted loss. */
    public static double[] uniform(int classes) {
        if (classes < 1) throw new IllegalArgumentException("classes must be positive, got " + classes);
        double[] w = new double[classes];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }
}
