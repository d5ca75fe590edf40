package sep.audio;

/**
 * Interleaved sample bytes to per-channel floats, scaled like soundfile/librosa: signed integers
 * divided by 2^(bits-1), 8-bit unsigned as (u - 128) / 128, IEEE floats unchanged.
 */
final class Pcm {
    private Pcm() {}

    enum Kind { UNSIGNED, SIGNED, FLOAT }

    /**
     * @param offset         byte position of the first frame
     * @param frames         frames to convert; the caller has checked they are all present
     * @param bytesPerSample 1, 2, 3 or 4 for integers; 4 or 8 for floats
     */
    static float[][] deinterleave(byte[] b, int offset, int frames, int channels, int bytesPerSample, Kind kind,
                                  boolean bigEndian) {
        float[][] out = new float[channels][frames];
        deinterleaveInto(b, offset, frames, channels, bytesPerSample, kind, bigEndian, out, 0);
        return out;
    }

    /** {@link #deinterleave} into existing arrays, from index {@code at} on: the block-by-block form of the streams. */
    static void deinterleaveInto(byte[] b, int offset, int frames, int channels, int bytesPerSample, Kind kind,
                                 boolean bigEndian, float[][] out, int at) {
        int frameBytes = channels * bytesPerSample;
        for (int c = 0; c < channels; c++) {
            float[] dst = out[c];
            int p = offset + c * bytesPerSample;
            switch (kind) {
                case UNSIGNED -> {
                    for (int i = 0; i < frames; i++, p += frameBytes) dst[at + i] = ((b[p] & 0xff) - 128) / 128f;
                }
                case SIGNED -> {
                    switch (bytesPerSample) {
                        case 1 -> {
                            for (int i = 0; i < frames; i++, p += frameBytes) dst[at + i] = b[p] / 128f;
                        }
                        case 2 -> {
                            for (int i = 0; i < frames; i++, p += frameBytes) dst[at + i] = int16(b, p, bigEndian) / 32768f;
                        }
                        case 3 -> {
                            for (int i = 0; i < frames; i++, p += frameBytes) dst[at + i] = int24(b, p, bigEndian) / 8388608f;
                        }
                        case 4 -> {
                            // (float) rounds once; the power-of-two scale is then exact, as in soundfile.
                            for (int i = 0; i < frames; i++, p += frameBytes) {
                                dst[at + i] = (float) int32(b, p, bigEndian) * 0x1p-31f;
                            }
                        }
                        default -> throw new IllegalArgumentException("bytes per sample " + bytesPerSample);
                    }
                }
                case FLOAT -> {
                    if (bytesPerSample == 4) {
                        for (int i = 0; i < frames; i++, p += frameBytes) dst[at + i] = Float.intBitsToFloat(int32(b, p, bigEndian));
                    } else if (bytesPerSample == 8) {
                        for (int i = 0; i < frames; i++, p += frameBytes) dst[at + i] = (float) Double.longBitsToDouble(int64(b, p, bigEndian));
                    } else {
                        throw new IllegalArgumentException("float bytes per sample " + bytesPerSample);
                    }
                }
            }
        }
    }

    static int int16(byte[] b, int p, boolean be) {
        return be ? (short) ((b[p] << 8) | (b[p + 1] & 0xff)) : (short) ((b[p + 1] << 8) | (b[p] & 0xff));
    }

    static int int24(byte[] b, int p, boolean be) {
        return be ? (b[p] << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff)
                  : (b[p + 2] << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    static int int32(byte[] b, int p, boolean be) {
        return be ? (b[p] << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff)
                  : (b[p + 3] << 24) | ((b[p + 2] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    static long int64(byte[] b, int p, boolean be) {
        long hi = int32(b, be ? p : p + 4, be) & 0xffffffffL;
        long lo = int32(b, be ? p + 4 : p, be) & 0xffffffffL;
        return (hi << 32) | lo;
    }

    static long uint32(byte[] b, int p, boolean be) {
        return int32(b, p, be) & 0xffffffffL;
    }

    static int uint16(byte[] b, int p, boolean be) {
        return int16(b, p, be) & 0xffff;
    }

    static String fourCc(byte[] b, int p) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) c[i] = (char) (b[p + i] & 0xff);
        return new String(c);
    }

    static boolean startsWith(byte[] b, int p, String ascii) {
        if (p + ascii.length() > b.length) return false;
        for (int i = 0; i < ascii.length(); i++) if ((b[p + i] & 0xff) != ascii.charAt(i)) return false;
        return true;
    }

    /** A four-character code quoted for messages, with unprintable bytes shown as \xNN. */
    static String quoted(String fourCc) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : fourCc.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) sb.append(c);
            else sb.append(String.format("\\x%02X", (int) c));
        }
        return sb.append('\'').toString();
    }
}
