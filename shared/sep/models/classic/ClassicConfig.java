package sep.models.classic;

import java.util.Arrays;

/**
 * Settings of a {@link ClassicModel}. Only the fields of the chosen kind matter: {@code cGrid}
 * and {@code gammaGrid} for SVM, {@code xgb*} for XGBoost, {@code sgdEpochs} for logistic
 * regression; {@code seed} for all (SGD shuffling, LibSVM's probability cross-validation, XGBoost).
 *
 * <p>Gamma is absolute (the RBF kernel is {@code exp(-gamma |x - y|^2)} on standardised
 * features), so it scales with the number of features: LibSVM's usual default is 1 / features,
 * about 0.006 for the 157 acoustic features. The default grid brackets that by a factor of ~10
 * each way. Arrays are copied in and out, so a config cannot be changed after construction.
 */
public record ClassicConfig(ClassicKind kind, double[] cGrid, double[] gammaGrid, int xgbRounds, int xgbDepth, double xgbEta,
                            int sgdEpochs, long seed) {

    public ClassicConfig {
        if (kind == null) throw new IllegalArgumentException("kind must not be null");
        cGrid = checkGrid(cGrid, "cGrid");
        gammaGrid = checkGrid(gammaGrid, "gammaGrid");
        if (xgbRounds < 1) throw new IllegalArgumentException("xgbRounds must be >= 1, got " + xgbRounds);
        if (xgbDepth < 1) throw new IllegalArgumentException("xgbDepth must be >= 1, got " + xgbDepth);
        if (!(xgbEta > 0 && xgbEta <= 1)) throw new IllegalArgumentException("xgbEta must be in (0, 1], got " + xgbEta);
        if (sgdEpochs < 1) throw new IllegalArgumentException("sgdEpochs must be >= 1, got " + sgdEpochs);
    }

    /**
     * Defaults: C in {0.3, 1, 3, 10, 30}, gamma in {0.001, 0.002, 0.005, 0.01, 0.02} (25 SVMs with
     * probability estimates, 5-12 s on EmoDB's 347 training clips; validated on EmoDB speakers 09/10,
     * the best pair of a wider 7 x 7 grid (C 0.1-100, gamma 0.0005-0.05) was C 3 / gamma 0.005, inside
     * this one, and every pair outside it scored lower); XGBoost 200 rounds of depth-4 trees at eta 0.1;
     * logistic regression 50 epochs; seed 42.
     */
    public static ClassicConfig defaults(ClassicKind kind) {
        return new ClassicConfig(kind,
                new double[] {0.3, 1, 3, 10, 30},
                new double[] {0.001, 0.002, 0.005, 0.01, 0.02},
                200, 4, 0.1, 50, 42L);
    }

    /** Number of features the default gamma grid was made for (the 157 of {@code AcousticFeatures} V1). */
    public static final int DEFAULT_GRID_FEATURES = 157;

    /**
     * {@link #defaults} for {@code features} inputs: the gamma grid scaled by {@code 157 / features} (3 significant
     * digits), since on standardised features {@code |x - y|^2} grows with their number; identical to
     * {@link #defaults} for 157 features.
     */
    public static ClassicConfig defaults(ClassicKind kind, int features) {
        if (features < 1) throw new IllegalArgumentException("features must be >= 1, got " + features);
        ClassicConfig d = defaults(kind);
        if (features == DEFAULT_GRID_FEATURES) return d;
        double[] g = d.gammaGrid();
        for (int i = 0; i < g.length; i++) {
            g[i] = new java.math.BigDecimal(g[i] * DEFAULT_GRID_FEATURES / features)
                    .round(new java.math.MathContext(3)).doubleValue();
        }
        return new ClassicConfig(kind, d.cGrid(), g, d.xgbRounds(), d.xgbDepth(), d.xgbEta(), d.sgdEpochs(), d.seed());
    }

    /** The same settings with a single C and gamma: no validation set is then needed for SVM. */
    public ClassicConfig withSvm(double c, double gamma) {
        return new ClassicConfig(kind, new double[] {c}, new double[] {gamma}, xgbRounds, xgbDepth, xgbEta, sgdEpochs, seed);
    }

    public ClassicConfig withSeed(long newSeed) {
        return new ClassicConfig(kind, cGrid, gammaGrid, xgbRounds, xgbDepth, xgbEta, sgdEpochs, newSeed);
    }

    @Override
    public double[] cGrid() {
        return cGrid.clone();
    }

    @Override
    public double[] gammaGrid() {
        return gammaGrid.clone();
    }

    /** Number of (C, gamma) pairs an SVM tries. */
    public int svmGridSize() {
        return cGrid.length * gammaGrid.length;
    }

    private static double[] checkGrid(double[] grid, String name) {
        if (grid == null || grid.length == 0) throw new IllegalArgumentException(name + " must hold at least one value");
        for (double v : grid) {
            if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " values must be finite and > 0, got " + v);
        }
        return grid.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassicConfig c && kind == c.kind && Arrays.equals(cGrid, c.cGrid) && Arrays.equals(gammaGrid, c.gammaGrid)
                && xgbRounds == c.xgbRounds && xgbDepth == c.xgbDepth && Double.compare(xgbEta, c.xgbEta) == 0
                && sgdEpochs == c.sgdEpochs && seed == c.seed;
    }

    @Override
    public int hashCode() {
        int h = kind.hashCode();
        h = 31 * h + Arrays.hashCode(cGrid);
        h = 31 * h + Arrays.hashCode(gammaGrid);
        h = 31 * h + Integer.hashCode(xgbRounds);
        h = 31 * h + Integer.hashCode(xgbDepth);
        h = 31 * h + Double.hashCode(xgbEta);
        h = 31 * h + Integer.hashCode(sgdEpochs);
        return 31 * h + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "ClassicConfig[kind=" + kind + ", cGrid=" + Arrays.toString(cGrid) + ", gammaGrid=" + Arrays.toString(gammaGrid)
                + ", xgbRounds=" + xgbRounds + ", xgbDepth=" + xgbDepth + ", xgbEta=" + xgbEta + ", sgdEpochs=" + sgdEpochs
                + ", seed=" + seed + "]";
    }
}
