package sep.util;

import java.util.List;

/**
 * Mean and population standard deviation of each column of a set of feature rows, and the z-score they define. A
 * column that is constant (standard deviation below {@link #STD_FLOOR}) gets a deviation of 1: it is only centred,
 * instead of being blown up from rounding noise.
 */
public record ColumnStatistics(double[] mean, double[] std) {
    public static final double STD_FLOOR = 1e-12;

    public static ColumnStatistics of(List<float[]> rows) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no rows to take statistics of");
        int d = rows.get(0).length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (float[] row : rows) for (int j = 0; j < d; j++) mean[j] += row[j];
        for (int j = 0; j < d; j++) mean[j] /= rows.size();
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                double z = row[j] - mean[j];
                std[j] += z * z;
            }
        }
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(std[j] / rows.size());
            std[j] = s < STD_FLOOR ? 1.0 : s;
        }
        return new ColumnStatistics(mean, std);
    }

    /** {@code (row - mean) / std}, column by column. */
    public double[] standardise(float[] row) {
        double[] z = new double[row.length];
        for (int j = 0; j < row.length; j++) z[j] = (row[j] - mean[j]) / std[j];
        return z;
    }
}
