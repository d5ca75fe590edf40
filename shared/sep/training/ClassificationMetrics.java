package sep.training;

/**
 * Accuracy figures of a classifier. UA (unweighted accuracy, mean per-class recall) averages over the
 * classes that occur in the truth only: a test speaker without a disgust clip (EmoDB 08) must not
 * score 0 for disgust.
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {}

    /** {@code [truth][predicted]} counts. */
    public static long[][] confusion(int[] truth, int[] predicted, int classes) {
        if (truth == null || predicted == null || truth.length != predicted.length) {
            throw new IllegalArgumentException("truth and predicted must be non-null and of equal length");
        }
        long[][] m = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("example " + i + ": class outside 0.." + (classes - 1));
            }
            m[truth[i]][predicted[i]]++;
        }
        return m;
    }

    /** Weighted accuracy: fraction of examples classified correctly. */
    public static double accuracy(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) throw new IllegalArgumentException("lengths differ");
        if (truth.length == 0) return Double.NaN;
        int ok = 0;
        for (int i = 0; i < truth.length; i++) if (truth[i] == predicted[i]) ok++;
        return ok / (double) truth.length;
    }

    /** Mean recall over the classes present in {@code truth}. */
    public static double unweightedAccuracy(int[] truth, int[] predicted, int classes) {
        long[][] m = confusion(truth, predicted, classes);
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            long n = 0;
            for (long v : m[c]) n += v;
            if (n == 0) continue;
            sum += m[c][c] / (double) n;
            present++;
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /** Index of the largest value of each row (first on ties). */
    public static int[] argmax(double[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int best = 0;
            for (int c = 1; c < rows[i].length; c++) if (rows[i][c] > rows[i][best]) best = c;
            out[i] = best;
        }
        return out;
    }
}
