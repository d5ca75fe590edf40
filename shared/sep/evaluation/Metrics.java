package sep.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Classification metrics of one set of predictions.
 *
 * <ul>
 *   <li>WA, weighted accuracy: share of clips classified correctly.</li>
 *   <li>UA, unweighted accuracy: mean recall over the classes present in the truth (a class with no test clip,
 *       like disgust for EmoDB speaker 08, is left out rather than counted as 0).</li>
 *   <li>Macro-F1: mean F1 over the same classes.</li>
 * </ul>
 *
 * @param confusion [true class][predicted class] counts
 */
public record Metrics(List<String> labels, long[][] confusion, double wa, double ua, double macroF1, double[] recall,
                      double[] precision, double[] f1, long[] support) {

    public static Metrics of(List<String> labels, int[] truth, int[] predicted) {
        int k = labels.size();
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " entries but predictions " + predicted.length);
        }
        long[][] confusion = new long[k][k];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("class index out of range at " + i + ": truth " + truth[i] + ", predicted "
                        + predicted[i] + " (" + k + " classes)");
            }
            confusion[truth[i]][predicted[i]]++;
        }
        return fromConfusion(labels, confusion);
    }

    public static Metrics fromConfusion(List<String> labels, long[][] confusion) {
        int k = labels.size();
        long[] support = new long[k];
        long[] predictedCount = new long[k];
        long correct = 0, total = 0;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                support[t] += confusion[t][p];
                predictedCount[p] += confusion[t][p];
                total += confusion[t][p];
            }
            correct += confusion[t][t];
        }
        if (total == 0) throw new IllegalArgumentException("no predictions to score");
        double[] recall = new double[k], precision = new double[k], f1 = new double[k];
        double recallSum = 0, f1Sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            recall[c] = support[c] == 0 ? Double.NaN : confusion[c][c] / (double) support[c];
            precision[c] = predictedCount[c] == 0 ? 0 : confusion[c][c] / (double) predictedCount[c];
            f1[c] = support[c] == 0 ? Double.NaN
                    : (precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]));
            if (support[c] > 0) {
                present++;
                recallSum += recall[c];
                f1Sum += f1[c];
            }
        }
        long[][] copy = new long[k][];
        for (int i = 0; i < k; i++) copy[i] = confusion[i].clone();
        return new Metrics(List.copyOf(labels), copy, correct / (double) total, recallSum / present, f1Sum / present,
                recall, precision, f1, support);
    }

    /** Pools several folds' confusion matrices (same labels) into one: the "pooled" UA of a protocol. */
    public static Metrics pooled(List<Metrics> folds) {
        if (folds.isEmpty()) throw new IllegalArgumentException("no folds to pool");
        int k = folds.get(0).labels().size();
        long[][] sum = new long[k][k];
        for (Metrics m : folds) {
            if (!m.labels().equals(folds.get(0).labels())) throw new IllegalArgumentException("folds have different labels");
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) sum[i][j] += m.confusion()[i][j];
        }
        return fromConfusion(folds.get(0).labels(), sum);
    }

    public long total() {
        long n = 0;
        for (long s : support) n += s;
        return n;
    }

    /** Index of the largest entry of each row: the predicted class of each clip. */
    public static int[] argmax(double[][] probabilities) {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) if (probabilities[i][c] > probabilities[i][best]) best = c;
            out[i] = best;
        }
        return out;
    }

    /** Mean and sample standard deviation. */
    public record MeanSd(double mean, double sd, int n) {
        public static MeanSd of(List<Double> values) {
            List<Double> v = new ArrayList<>(values);
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            return new MeanSd(mean, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0, v.size());
        }
    }

    /**
     * The fold figures every summary reports (leaderboard entries, sep-eval): mean and sample standard deviation of
     * UA and WA over folds, mean macro-F1, and the pooled UA and WA; written into {@code out} under the leaderboard's keys.
     */
    public static void putFoldSummary(Map<String, Object> out, List<Double> ua, List<Double> wa, List<Double> macroF1, Metrics pooled) {
        MeanSd u = MeanSd.of(ua);
        MeanSd w = MeanSd.of(wa);
        out.put("ua_mean", u.mean());
        out.put("ua_std", u.sd());
        out.put("wa_mean", w.mean());
        out.put("wa_std", w.sd());
        out.put("macro_f1_mean", MeanSd.of(macroF1).mean());
        out.put("ua_pooled", pooled.ua());
        out.put("wa_pooled", pooled.wa());
    }
}
