package sep.features;

/**
 * A log-mel spectrogram in dB relative to the clip's own loudest mel cell, as
 * {@code librosa.power_to_db(S, ref=np.max, top_db)} gives it: every value lies in
 * {@code [-topDb, 0]}.
 *
 * <p>Relative dB throws away the clip's absolute level, which is what a classifier should not
 * depend on; {@code refPower} keeps it, because turning the dB back into power (for Griffin-Lim or
 * any other inversion) needs the power that 0 dB stands for. Cells that were clamped at
 * {@code -topDb} come back as {@code refPower * 10^(-topDb/10)}, not as their original power.
 *
 * <p>For an all-zero clip librosa's rule gives 0 dB in every cell (both the cells and the reference
 * are floored at amin = 1e-10); {@code refPower} is then 0, and {@link #power()} returns zeros.
 *
 * <p>The array is not copied.
 *
 * @param db        {@code [mel][frame]}
 * @param refPower  the clip's maximum mel power, which 0 dB stands for (>= 0)
 */
public record LogMel(float[][] db, double refPower, LogMelConfig config) {

    public LogMel {
        if (db == null || config == null) throw new IllegalArgumentException("db and config must not be null");
        if (db.length != config.nMels()) {
            throw new IllegalArgumentException("db has " + db.length + " mel bands, config says " + config.nMels());
        }
        int frames = db.length == 0 ? 0 : db[0].length;
        if (frames == 0) throw new IllegalArgumentException("db has no frames");
        for (int m = 0; m < db.length; m++) {
            if (db[m] == null || db[m].length != frames) {
                throw new IllegalArgumentException("db is ragged: band " + m + " does not have " + frames + " frames");
            }
        }
        if (!(refPower >= 0) || Double.isInfinite(refPower)) {
            throw new IllegalArgumentException("refPower must be finite and >= 0, got " + refPower);
        }
    }

    public int mels() {
        return db.length;
    }

    public int frames() {
        return db[0].length;
    }

    /** Mel power {@code 10^(db/10) * refPower}: the inverse of the dB step (up to the top_db clamp). */
    public float[][] power() {
        float[][] out = new float[db.length][frames()];
        for (int m = 0; m < db.length; m++) {
            float[] row = db[m];
            float[] o = out[m];
            for (int t = 0; t < row.length; t++) o[t] = (float) (Math.pow(10.0, row[t] / 10.0) * refPower);
        }
        return out;
    }
}
