package sep.prediction;

import java.util.List;

/**
 * The file row of a segmented recording: over the segments that were classified, the mean of their probabilities, and
 * as the file's emotion the label most segments got (the majority), ties going to the label with the higher mean
 * probability. Its confidence is the mean probability of that label. Silent, too-short and failed segments take no
 * part; a file with no classified segment failed when a segment failed, else is too short when a segment was too
 * short (a lone click in silence), else silent.
 */
public final class Summary {
    private Summary() {}

    public static PredictionRow of(String path, double duration, List<PredictionRow> segments, List<String> labels) {
        int k = labels.size();
        double[] mean = new double[k];
        int[] votes = new int[k];
        int classified = 0;
        String firstError = null;
        boolean anyTooShort = false;
        for (PredictionRow s : segments) {
            if (s.isOk()) {
                classified++;
                votes[labels.indexOf(s.emotion())]++;
                for (int c = 0; c < k; c++) mean[c] += s.probabilities()[c];
            } else if (s.isTooShort()) {
                anyTooShort = true;
            } else if (s.isError() && firstError == null) {
                firstError = s.status().substring(PredictionRow.ERROR_PREFIX.length());
            }
        }
        if (classified == 0) {
            if (firstError != null) {
                return PredictionRow.error(path, PredictionRow.Scope.FILE, 0, duration, "no segment could be classified: " + firstError,
                        duration);
            }
            if (anyTooShort) return PredictionRow.tooShort(path, PredictionRow.Scope.FILE, 0, duration, duration);
            return PredictionRow.silent(path, PredictionRow.Scope.FILE, 0, duration, duration);
        }
        for (int c = 0; c < k; c++) mean[c] /= classified;
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (votes[c] > votes[best] || (votes[c] == votes[best] && mean[c] > mean[best])) best = c;
        }
        return new PredictionRow(path, PredictionRow.Scope.FILE, 0, duration, labels.get(best), mean[best], mean, PredictionRow.OK,
                duration);
    }
}
