package sep.models.classic;

/**
 * The two accuracies speech-emotion papers report. WA (weighted accuracy) is the plain share of
 * correct predictions, so it is weighted by class frequency; UA (unweighted accuracy) is the mean
 * per-class recall, so every emotion counts the same however rare, and chance level is 1 / classes.
 */
public final class Accuracy {
    private Accuracy() {}

    /** Share of {@code predicted[i] == truth[i]}. */
    public static double weighted(int[] truth, int[] predicted) {
        check(truth, predicted);
        int ok = 0;
        for (int i = 0; i < truth.length; i++) if (truth[i] == predicted[i]) ok++;
        return (double) ok / truth.length;
    }

    /** Mean recall over the classes that occur in {@code truth} (a class with no examples has no recall). */
    public static double unweighted(int[] truth, int[] predicted, int classes) {
        check(truth, predicted);
        if (classes < 1) throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        int[] n = new int[classes];
        int[] ok = new int[classes];
        for (int i = 0; i < truth.length; i++) {
            int y = truth[i];
            if (y < 0 || y >= classes) throw new IllegalArgumentException("truth[" + i + "] = " + y + " is outside 0.." + (classes - 1));
            n[y]++;
            if (predicted[i] == y) ok[y]++;
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (n[c] > 0) {
                sum += (double) ok[c] / n[c];
                present++;
            }
        }
        return sum / present;
    }

    /** Index of the largest value of each row (the first one on ties). */
    public static int[] argmax(double[][] proba) {
        if (proba == null) throw new IllegalArgumentException("proba must not be null");
        int[] out = new int[proba.length];
        for (int i = 0; i < proba.length; i++) {
            double[] row = proba[i];
            if (row == null || row.length == 0) throw new IllegalArgumentException("row " + i + " is empty");
            int best = 0;
            for (int j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
            out[i] = best;
        }
        return out;
    }

    private static void check(int[] truth, int[] predicted) {
        if (truth == null || predicted == null) throw new IllegalArgumentException("truth and predicted must not be null");
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        if (truth.length == 0) throw new IllegalArgumentException("no examples to score");
    }
}
