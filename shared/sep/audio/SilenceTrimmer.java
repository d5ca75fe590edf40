package sep.audio;

/**
 * Leading/trailing silence removal with the same rule as {@code librosa.effects.trim(y, top_db,
 * frame_length=2048, hop_length=512)}: RMS per centred, zero-padded frame; a frame is silent when its
 * level is more than {@code topDb} below the loudest frame (levels floored at librosa's amin of
 * 1e-5, i.e. -100 dBFS); the kept range runs from the first non-silent frame's start to the end of
 * the frame after the last non-silent one, in hop units.
 *
 * <p>One deliberate difference: librosa keeps the whole signal when it is all zeros (every frame
 * is then "0 dB below the loudest"). Here a signal whose loudest frame is below that floor counts
 * as silent and yields an empty range, so callers can detect and skip it.
 */
public final class SilenceTrimmer {
    private SilenceTrimmer() {}

    public static final int FRAME_LENGTH = 2048;
    public static final int HOP_LENGTH = 512;
    /** librosa.amplitude_to_db's default floor. */
    static final double AMIN = 1e-5;

    public static Audio trim(Audio a, double topDb) {
        int[] range = nonSilentRange(a.samples(), topDb);
        if (range[0] == 0 && range[1] == a.samples().length) return a;
        return new Audio(java.util.Arrays.copyOfRange(a.samples(), range[0], range[1]), a.sampleRate());
    }

    /** {@code [startSample, endSampleExclusive]} of the non-silent part; {@code [0, 0]} when all is silent. */
    public static int[] nonSilentRange(float[] x, double topDb) {
        boolean[] loud = nonSilentFrames(x, topDb);
        int first = -1, last = -1;
        for (int t = 0; t < loud.length; t++) {
            if (loud[t]) {
                if (first < 0) first = t;
                last = t;
            }
        }
        if (first < 0) return new int[] {0, 0};
        int start = first * HOP_LENGTH;
        int end = (int) Math.min(x.length, (long) (last + 1) * HOP_LENGTH);
        return new int[] {start, end};
    }

    /**
     * Per frame of {@link #HOP_LENGTH} samples (frame t centred on sample t * hop), whether it is louder than
     * {@code topDb} below the loudest frame; all false when the whole signal is below the floor. The trimmer and the
     * silence-based segmenter share this rule.
     */
    public static boolean[] nonSilentFrames(float[] x, double topDb) {
        if (x == null) throw new IllegalArgumentException("signal must not be null");
        return nonSilentFrames(frameMeanSquares(x), topDb);
    }

    /**
     * Mean square of every frame of {@link #HOP_LENGTH} samples (frame t centred on sample t * hop, {@code FRAME_LENGTH}
     * wide, zero beyond the signal): the levels the loudness rule compares. {@link FrameLevels} computes the same
     * numbers over a stream.
     */
    public static double[] frameMeanSquares(float[] x) {
        int n = x.length;
        int frames = 1 + n / HOP_LENGTH; // librosa's frame count after padding frame_length/2 on both sides
        double[] meanSquare = new double[frames];
        for (int t = 0; t < frames; t++) {
            int from = Math.max(0, t * HOP_LENGTH - FRAME_LENGTH / 2);
            int to = Math.min(n, t * HOP_LENGTH + FRAME_LENGTH / 2);
            double sum = 0;
            for (int i = from; i < to; i++) sum += (double) x[i] * x[i];
            meanSquare[t] = sum / FRAME_LENGTH; // padding zeros count in the mean, as in librosa
        }
        return meanSquare;
    }

    /** The loudness rule on frame levels ({@link #frameMeanSquares}): louder than {@code topDb} below the loudest frame. */
    public static boolean[] nonSilentFrames(double[] meanSquare, double topDb) {
        if (!(topDb > 0) || Double.isInfinite(topDb)) throw new IllegalArgumentException("topDb must be positive and finite, got " + topDb);
        double loudest = 0;
        for (double m : meanSquare) loudest = Math.max(loudest, m);
        int frames = meanSquare.length;
        boolean[] loud = new boolean[frames];
        double floor = AMIN * AMIN;
        if (loudest < floor) return loud;
        // level_t > ref - topDb  <=>  10 log10(max(floor, ms_t)) > 10 log10(loudest) - topDb
        double threshold = loudest * Math.pow(10, -topDb / 10);
        for (int t = 0; t < frames; t++) loud[t] = Math.max(floor, meanSquare[t]) > threshold;
        return loud;
    }

    /** Mean square of the loudest frame (the frames of {@link #nonSilentFrames}); 0 for an empty or all-zero signal. */
    public static double loudestMeanSquare(float[] x) {
        double loudest = 0;
        for (double m : frameMeanSquares(x)) loudest = Math.max(loudest, m);
        return loudest;
    }
}
