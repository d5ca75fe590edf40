package sep.audio;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes WAV and AIFF files. Integer encodings use the decoder's scale (x * 2^(bits-1), rounded,
 * clipped to the integer range), so a signal that already lies on the integer grid survives a
 * write/read round trip exactly. NaN becomes 0; out-of-range values are clipped. Float encodings
 * store the values unchanged.
 *
 * <p>Files are written to a temporary file in the target folder and then moved over the target, so a
 * reader never sees a half-written file and a failed write leaves any previous file intact.
 */
public final class AudioWriter {
    private AudioWriter() {}

    public enum Encoding {
        PCM_16(16, false), PCM_24(24, false), PCM_32(32, false), FLOAT_32(32, true), FLOAT_64(64, true);

        final int bits;
        final boolean floating;

        Encoding(int bits, boolean floating) {
            this.bits = bits;
            this.floating = floating;
        }
    }

    public static void writeWav(Path file, float[][] channels, int sampleRate, Encoding enc) throws IOException {
        writeAtomically(file, wavBytes(channels, sampleRate, enc));
    }

    /** Plain AIFF (not AIFF-C), big-endian signed integers of 8, 16, 24 or 32 bits. */
    public static void writeAiff(Path file, float[][] channels, int sampleRate, int bits) throws IOException {
        writeAtomically(file, aiffBytes(channels, sampleRate, bits));
    }

    /** A complete WAV file in memory: RIFF header, {@code fmt }, {@code fact} for float encodings, {@code data}. */
    public static byte[] wavBytes(float[][] channels, int sampleRate, Encoding enc) {
        if (enc == null) throw new IllegalArgumentException("encoding must not be null");
        int frames = checkSignal(channels, sampleRate);
        int bytesPerSample = enc.bits / 8;
        int blockAlign = channels.length * bytesPerSample;
        if (blockAlign > 0xFFFF) throw new IllegalArgumentException("too many channels for WAV: " + channels.length);
        long dataBytes = (long) frames * blockAlign;
        int factBytes = enc.floating ? 12 : 0; // the WAV spec requires a fact chunk for non-PCM data
        long total = 12 + 24 + factBytes + 8 + dataBytes + (dataBytes & 1);
        if (total > Integer.MAX_VALUE - 8 || total - 8 > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("too much audio for one WAV file: " + dataBytes + " data bytes");
        }
        byte[] b = new byte[(int) total];
        putAscii(b, 0, "RIFF");
        putLe32(b, 4, total - 8);
        putAscii(b, 8, "WAVE");
        putAscii(b, 12, "fmt ");
        putLe32(b, 16, 16);
        putLe16(b, 20, enc.floating ? 3 : 1);
        putLe16(b, 22, channels.length);
        putLe32(b, 24, sampleRate);
        putLe32(b, 28, (long) sampleRate * blockAlign);
        putLe16(b, 32, blockAlign);
        putLe16(b, 34, enc.bits);
        int p = 36;
        if (enc.floating) {
            putAscii(b, p, "fact");
            putLe32(b, p + 4, 4);
            putLe32(b, p + 8, frames);
            p += 12;
        }
        putAscii(b, p, "data");
        putLe32(b, p + 4, dataBytes);
        encode(channels, frames, b, p + 8, enc.bits, enc.floating, false);
        return b;
    }

    static byte[] aiffBytes(float[][] channels, int sampleRate, int bits) {
        if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new IllegalArgumentException("AIFF bits must be 8, 16, 24 or 32, got " + bits);
        }
        int frames = checkSignal(channels, sampleRate);
        if (channels.length > Short.MAX_VALUE) throw new IllegalArgumentException("too many channels for AIFF: " + channels.length);
        long dataBytes = (long) frames * channels.length * (bits / 8);
        long total = 12 + 26 + 16 + dataBytes + (dataBytes & 1);
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too much audio for one AIFF file");
        byte[] b = new byte[(int) total];
        putAscii(b, 0, "FORM");
        putBe32(b, 4, total - 8);
        putAscii(b, 8, "AIFF");
        putAscii(b, 12, "COMM");
        putBe32(b, 16, 18);
        putBe16(b, 20, channels.length);
        putBe32(b, 22, frames);
        putBe16(b, 26, bits);
        AiffReader.putExtended80(b, 28, sampleRate);
        putAscii(b, 38, "SSND");
        putBe32(b, 42, 8 + dataBytes);
        // offset and block size both 0: samples start right after them
        encode(channels, frames, b, 54, bits, false, true);
        return b;
    }

    private static int checkSignal(float[][] channels, int sampleRate) {
        if (channels == null || channels.length == 0) throw new IllegalArgumentException("at least one channel is required");
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        for (float[] c : channels) {
            if (c == null) throw new IllegalArgumentException("channel arrays must not be null");
            if (c.length != channels[0].length) {
                throw new IllegalArgumentException("channels differ in length: " + c.length + " vs " + channels[0].length);
            }
        }
        return channels[0].length;
    }

    private static void encode(float[][] channels, int frames, byte[] b, int start, int bits, boolean floating, boolean bigEndian) {
        int bytes = bits / 8;
        int p = start;
        for (int i = 0; i < frames; i++) {
            for (float[] c : channels) {
                float v = c[i];
                if (floating) {
                    if (bits == 32) putInt(b, p, Float.floatToRawIntBits(v), 4, bigEndian);
                    else {
                        long l = Double.doubleToRawLongBits(v);
                        putInt(b, p + (bigEndian ? 0 : 4), (int) (l >>> 32), 4, bigEndian);
                        putInt(b, p + (bigEndian ? 4 : 0), (int) l, 4, bigEndian);
                    }
                } else {
                    putInt(b, p, quantise(v, bits), bytes, bigEndian);
                }
                p += bytes;
            }
        }
    }

    /** x * 2^(bits-1), rounded to nearest (ties to even), clipped to the signed range of {@code bits}. */
    static int quantise(float v, int bits) {
        double scale = 1L << (bits - 1);
        double max = scale - 1;
        double s = v * scale;
        if (Double.isNaN(s)) s = 0;
        s = Math.max(-scale, Math.min(max, Math.rint(s)));
        return (int) (long) s;
    }

    private static void putInt(byte[] b, int p, int v, int bytes, boolean bigEndian) {
        for (int i = 0; i < bytes; i++) {
            int shift = 8 * (bigEndian ? bytes - 1 - i : i);
            b[p + i] = (byte) (v >>> shift);
        }
    }

    private static void putAscii(byte[] b, int p, String s) {
        for (int i = 0; i < s.length(); i++) b[p + i] = (byte) s.charAt(i);
    }

    private static void putLe16(byte[] b, int p, int v) {
        putInt(b, p, v, 2, false);
    }

    private static void putLe32(byte[] b, int p, long v) {
        putInt(b, p, (int) v, 4, false);
    }

    private static void putBe16(byte[] b, int p, int v) {
        putInt(b, p, v, 2, true);
    }

    private static void putBe32(byte[] b, int p, long v) {
        putInt(b, p, (int) v, 4, true);
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
