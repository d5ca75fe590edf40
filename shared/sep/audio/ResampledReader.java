package sep.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * A file read block by block as mono at a chosen rate: {@link AudioStream#readMono} through a
 * {@link Resampler#stream}. The blocks, joined, are exactly {@code Resampler.resample(AudioDecoder.readMono(file), rate)}
 * of the whole file, with memory bounded by the block size and the filter length.
 */
public final class ResampledReader implements Closeable {
    /** Native frames decoded per block: about a second at 48 kHz. */
    static final int BLOCK_FRAMES = 1 << 16;

    private final AudioStream in;
    private final int rate;
    private final Resampler.Stream resampler;
    private final float[] block = new float[BLOCK_FRAMES];
    private long nativeFrames;
    private boolean ended;

    public ResampledReader(AudioStream in, int rate) {
        this.in = in;
        this.rate = rate;
        this.resampler = Resampler.stream(in.sampleRate(), rate);
    }

    public int sampleRate() {
        return rate;
    }

    /** Frames of the file read so far, at its own rate. */
    public long nativeFrames() {
        return nativeFrames;
    }

    /** The next block of samples at {@link #sampleRate()} (never empty), or null after the last. */
    public float[] next() throws IOException {
        while (!ended) {
            int n = in.readMono(block, 0, BLOCK_FRAMES);
            if (n < 0) {
                ended = true;
                float[] tail = resampler.finish();
                return tail.length > 0 ? tail : null;
            }
            nativeFrames += n;
            float[] y = resampler.process(block, 0, n);
            if (y.length > 0) return y;
        }
        return null;
    }

    /** Closes the file. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
