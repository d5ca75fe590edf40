package sep.audio;

import java.util.Arrays;

/**
 * {@link SilenceTrimmer#frameMeanSquares} over a signal given block by block, with the same arithmetic (each frame
 * summed sample by sample in order), so the loudness rule gives the same frames on a stream as on the whole array.
 * Holds the last {@link SilenceTrimmer#FRAME_LENGTH} samples and one double per frame of
 * {@link SilenceTrimmer#HOP_LENGTH} samples: 0.9 MB per hour at 16 kHz, the only state that grows with the length;
 * the whole-file rule (silence relative to the loudest frame of the whole recording) cannot be had with less
 * without reading the file twice more.
 */
public final class FrameLevels {
    private static final int HOP = SilenceTrimmer.HOP_LENGTH;
    private static final int HALF = SilenceTrimmer.FRAME_LENGTH / 2;
    /** A power of two above the frame length: the samples a frame still needs are always in it. */
    private static final int RING = 4096;

    private final float[] ring = new float[RING];
    private long samples;
    private int nextFrame;
    private double[] meanSquare = new double[1024];
    private boolean finished;

    /** Adds the next {@code len} samples of the signal. */
    public void add(float[] x, int off, int len) {
        if (finished) throw new IllegalStateException("levels already finished");
        for (int i = 0; i < len; i++) {
            ring[(int) (samples & (RING - 1))] = x[off + i];
            samples++;
            // Frame t is complete once its last sample, t * hop + half - 1, has arrived.
            if (samples == (long) nextFrame * HOP + HALF) frame(samples);
        }
    }

    /** Number of samples added so far. */
    public long samples() {
        return samples;
    }

    /** Ends the signal; returns the mean square of each of its {@code 1 + n / hop} frames. */
    public double[] finish() {
        if (!finished) {
            finished = true;
            long frames = 1 + samples / HOP;
            while (nextFrame < frames) frame(samples);
        }
        return Arrays.copyOf(meanSquare, nextFrame);
    }

    private void frame(long available) {
        long from = Math.max(0, (long) nextFrame * HOP - HALF);
        long to = Math.min(available, (long) nextFrame * HOP + HALF);
        double sum = 0;
        for (long i = from; i < to; i++) {
            float v = ring[(int) (i & (RING - 1))];
            sum += (double) v * v;
        }
        if (nextFrame == meanSquare.length) meanSquare = Arrays.copyOf(meanSquare, meanSquare.length * 2);
        meanSquare[nextFrame++] = sum / SilenceTrimmer.FRAME_LENGTH;
    }
}
