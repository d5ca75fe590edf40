package sep.models.deep;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import sep.features.BandNormalizer;

/**
 * The model's input side, shared by training and prediction so that both see exactly the same
 * numbers: normalisation, padding, fixed-length windows and (training only) SpecAugment masks.
 *
 * <ul>
 *   <li>Normalisation: "band" z-scores each mel band with statistics of the training clips
 *       ({@link BandNormalizer}); "utterance" uses the clip's own per-band mean and standard
 *       deviation, which removes the speaker's and the channel's spectral envelope (cepstral mean and
 *       variance normalisation in the mel domain), the main cause of collapse on unseen speakers.
 *       Utterance statistics come from the real frames only: padding would make them depend on
 *       the clip's length.</li>
 *   <li>Clips shorter than a window are padded with the -80 dB floor, normalised like any other
 *       value (so padding looks like silence, not like the band mean).</li>
 *   <li>Windows: training takes one random window per clip; a short clip lands at a random offset
 *       inside the window. Prediction covers the clip with windows at half-window hops, the last one
 *       flush with the end; a short clip is centred.</li>
 *   <li>Masks replace cells with 0, the (band or utterance) mean after normalisation.</li>
 * </ul>
 */
final class MelInput {

    /** librosa's top_db floor of our log-mels: what silence looks like. */
    static final float FLOOR_DB = -80f;
    /**
     * Smallest per-band standard deviation for utterance normalisation, in dB. A band that barely
     * moves within a clip carries nothing; dividing by hundredths of a dB would blow its rounding
     * noise up to unit size.
     */
    static final double UTTERANCE_STD_FLOOR_DB = 1.0;

    final int mels;
    final int crop;
    final String normalisation;
    /** Null for utterance normalisation. */
    final BandNormalizer band;

    MelInput(int mels, int crop, String normalisation, BandNormalizer band) {
        if (!normalisation.equals("band") && !normalisation.equals("utterance")) throw new IllegalArgumentException("normalisation " + normalisation);
        if (normalisation.equals("band") && (band == null || band.bands() != mels)) {
            throw new IllegalArgumentException("band normalisation needs a normaliser over " + mels + " bands");
        }
        this.mels = mels;
        this.crop = crop;
        this.normalisation = normalisation;
        this.band = normalisation.equals("band") ? band : null;
    }

    /** A clip after normalisation: {@code z[mel][frame]} and the normalised value of the -80 dB floor per band. */
    record Prepared(float[][] z, float[] pad) {
        int frames() {
            return z[0].length;
        }
    }

    /** Throws {@link IllegalArgumentException} unless {@code db} is a {@code [mels][frames >= 1]} array of finite values. */
    static void check(float[][] db, int mels, String what) {
        if (db == null) throw new IllegalArgumentException(what + " is null");
        if (db.length != mels) throw new IllegalArgumentException(what + " has " + db.length + " mel bands, expected " + mels);
        if (db[0] == null || db[0].length == 0) throw new IllegalArgumentException(what + " has no frames");
        int frames = db[0].length;
        for (int m = 0; m < mels; m++) {
            float[] row = db[m];
            if (row == null || row.length != frames) throw new IllegalArgumentException(what + " is ragged at band " + m);
            for (float v : row) if (!Float.isFinite(v)) throw new IllegalArgumentException(what + " has a non-finite value in band " + m);
        }
    }

    Prepared prepare(float[][] db) {
        float[] pad = new float[mels];
        if (band != null) {
            double[] mean = band.mean();
            double[] std = band.std();
            for (int m = 0; m < mels; m++) pad[m] = (float) ((FLOOR_DB - mean[m]) / std[m]);
            return new Prepared(band.apply(db), pad);
        }
        int frames = db[0].length;
        float[][] z = new float[mels][frames];
        for (int m = 0; m < mels; m++) {
            float[] row = db[m];
            double sum = 0;
            for (float v : row) sum += v;
            double mean = sum / frames;
            double ss = 0;
            for (float v : row) ss += (v - mean) * (v - mean);
            double inv = 1.0 / Math.max(UTTERANCE_STD_FLOOR_DB, Math.sqrt(ss / frames));
            float[] o = z[m];
            for (int t = 0; t < frames; t++) o[t] = (float) ((row[t] - mean) * inv);
            pad[m] = (float) ((FLOOR_DB - mean) * inv);
        }
        return new Prepared(z, pad);
    }

    /**
     * Copies the window of {@link #crop} frames starting at frame {@code start} (negative or running
     * past the end where the clip is short: those frames are padding) into {@code dst[off ..]} in
     * {@code [mel][frame]} order.
     */
    void window(Prepared p, int start, float[] dst, int off) {
        int frames = p.frames();
        int lo = Math.max(0, -start);                 // first window frame inside the clip
        int hi = Math.min(crop, frames - start);      // one past the last
        for (int m = 0; m < mels; m++) {
            int base = off + m * crop;
            float padValue = p.pad[m];
            for (int t = 0; t < lo; t++) dst[base + t] = padValue;
            if (hi > lo) System.arraycopy(p.z[m], start + lo, dst, base + lo, hi - lo);
            for (int t = Math.max(lo, hi); t < crop; t++) dst[base + t] = padValue;
        }
    }

    /** Start frames of the prediction windows of a clip of {@code frames} frames. */
    int[] windowStarts(int frames) {
        if (frames <= crop) return new int[] {-((crop - frames) / 2)};
        int hop = Math.max(1, crop / 2);
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s + crop < frames; s += hop) starts.add(s);
        starts.add(frames - crop);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Start frame of a random training window. */
    int randomStart(int frames, SplittableRandom rng) {
        return frames > crop ? rng.nextInt(frames - crop + 1) : -rng.nextInt(crop - frames + 1);
    }

    /** SpecAugment: frequency and time masks set to 0 in the window at {@code dst[off ..]}. */
    void mask(float[] dst, int off, int freqMasks, int freqWidth, int timeMasks, int timeWidth, SplittableRandom rng) {
        for (int i = 0; i < freqMasks; i++) {
            int w = rng.nextInt(Math.min(freqWidth, mels) + 1);
            int f0 = rng.nextInt(mels - w + 1);
            for (int m = f0; m < f0 + w; m++) java.util.Arrays.fill(dst, off + m * crop, off + (m + 1) * crop, 0f);
        }
        for (int i = 0; i < timeMasks; i++) {
            int w = rng.nextInt(Math.min(timeWidth, crop) + 1);
            int t0 = rng.nextInt(crop - w + 1);
            for (int m = 0; m < mels; m++) java.util.Arrays.fill(dst, off + m * crop + t0, off + m * crop + t0 + w, 0f);
        }
    }
}
