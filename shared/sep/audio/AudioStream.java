package sep.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An audio file read block by block, so that memory does not grow with the file's length (a 12-hour recording is
 * 4 GB of float samples at 48 kHz stereo). Opened by {@link AudioDecoder#open}; the header is parsed on opening, the
 * samples as they are asked for. Samples are scaled exactly as {@link AudioDecoder#decode} scales them, so reading a
 * file through a stream and decoding it whole give the same numbers.
 *
 * <p>Damage found while reading (a truncated data chunk, a FLAC frame that does not decode) is an
 * {@link AudioFormatException} naming the file, as from the whole-file decoder. Not thread-safe: one reader per stream.
 */
public abstract class AudioStream implements Closeable {
    private final Path file;
    private final int sampleRate;
    private final int channels;
    private final long frames;
    private final AudioContainer container;
    /** Per-channel scratch of {@link #readMono}; grown to the largest block asked for. */
    private float[][] scratch;

    AudioStream(Path file, int sampleRate, int channels, long frames, AudioContainer container) {
        this.file = file;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frames = frames;
        this.container = container;
    }

    public Path file() {
        return file;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** Frames the header declares, or -1 when it does not say (a WAV written by a streaming recorder, a FLAC without a count). */
    public long frames() {
        return frames;
    }

    public AudioContainer container() {
        return container;
    }

    /**
     * Reads up to {@code max} frames into {@code out[channel][0..n)} (every array at least {@code max} long).
     *
     * @return frames read (at least 1), or -1 at the end of the audio
     */
    public abstract int read(float[][] out, int max) throws IOException;

    /**
     * Reads up to {@code max} frames averaged to mono into {@code out[off..off+n)}, with the arithmetic of
     * {@link DecodedAudio#toMono()} (so a file read in blocks downmixes to exactly the same samples).
     *
     * @return frames read (at least 1), or -1 at the end of the audio
     */
    public int readMono(float[] out, int off, int max) throws IOException {
        if (scratch == null || scratch[0].length < max) scratch = new float[channels][max];
        int n = read(scratch, max);
        if (n <= 0) return n;
        if (channels == 1) {
            System.arraycopy(scratch[0], 0, out, off, n);
        } else if (channels == 2) {
            float[] l = scratch[0], r = scratch[1];
            for (int i = 0; i < n; i++) out[off + i] = (l[i] + r[i]) * 0.5f;
        } else {
            double inv = 1.0 / channels;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (float[] c : scratch) sum += c[i];
                out[off + i] = (float) (sum * inv);
            }
        }
        return n;
    }
}
