package sep.audio;

import java.nio.file.Path;

/**
 * AIFF / AIFF-C reader: big-endian IFF chunks; COMM gives the layout and an 80-bit extended sample
 * rate, SSND holds the samples after its own offset/block-size header.
 */
final class AiffReader {
    private AiffReader() {}

    static DecodedAudio read(byte[] b, Path file) throws AudioFormatException {
        boolean aifc = Pcm.startsWith(b, 8, "AIFC");
        AudioContainer container = aifc ? AudioContainer.AIFC : AudioContainer.AIFF;
        int pos = 12;
        Comm comm = null;
        int ssndBody = -1;
        long ssndSize = -1;
        while (pos + 8 <= b.length) {
            String id = Pcm.fourCc(b, pos);
            long size = Pcm.uint32(b, pos + 4, true);
            int body = pos + 8;
            long present = b.length - (long) body;
            if (size > present) {
                throw new AudioFormatException(file, "truncated: " + Pcm.quoted(id) + " chunk declares " + size
                        + " bytes, only " + present + " present");
            }
            if (id.equals("COMM")) {
                comm = parseComm(b, body, (int) size, aifc, file);
            } else if (id.equals("SSND")) {
                if (size < 8) throw new AudioFormatException(file, "SSND chunk too short (" + size + " bytes, need 8)");
                ssndBody = body;
                ssndSize = size;
            }
            if (comm != null && ssndBody >= 0) break;
            long next = body + size + (size & 1); // IFF chunks are padded to an even length
            if (next > Integer.MAX_VALUE) break;
            pos = (int) next;
        }
        if (comm == null) throw new AudioFormatException(file, "truncated or invalid AIFF: no COMM chunk");
        int frameBytes = comm.channels * comm.bytesPerSample;
        long needed = comm.frames * frameBytes;
        if (comm.frames > Integer.MAX_VALUE - 8) {
            throw new AudioFormatException(file, "too long to decode into memory: " + comm.frames + " frames");
        }
        if (ssndBody < 0) {
            if (comm.frames == 0) {
                return new DecodedAudio(new float[comm.channels][0], comm.sampleRate, container, comm.bits, comm.kind == Pcm.Kind.FLOAT);
            }
            throw new AudioFormatException(file, "truncated or invalid AIFF: COMM declares " + comm.frames + " frames but there is no SSND chunk");
        }
        long offset = Pcm.uint32(b, ssndBody, true); // bytes to skip before the first frame (block alignment)
        long available = ssndSize - 8 - offset;
        if (available < needed) {
            throw new AudioFormatException(file, "truncated: COMM declares " + comm.frames + " frames (" + needed
                    + " bytes), SSND holds only " + Math.max(0, available));
        }
        float[][] channels = Pcm.deinterleave(b, (int) (ssndBody + 8 + offset), (int) comm.frames, comm.channels,
                comm.bytesPerSample, comm.kind, comm.bigEndian);
        return new DecodedAudio(channels, comm.sampleRate, container, comm.bits, comm.kind == Pcm.Kind.FLOAT);
    }

    record Comm(int channels, long frames, int bits, int bytesPerSample, int sampleRate, Pcm.Kind kind, boolean bigEndian) {}

    static Comm parseComm(byte[] b, int p, int size, boolean aifc, Path file) throws AudioFormatException {
        int need = aifc ? 22 : 18;
        if (size < need) throw new AudioFormatException(file, "COMM chunk too short (" + size + " bytes, need " + need + ")");
        int channels = Pcm.int16(b, p, true);
        long frames = Pcm.uint32(b, p + 2, true);
        int bits = Pcm.int16(b, p + 6, true);
        double rate = extended80(b, p + 8);
        AudioDecoder.checkChannels(channels, file);
        if (Double.isNaN(rate) || Double.isInfinite(rate) || rate < 0) {
            throw new AudioFormatException(file, "invalid sample rate " + rate + " Hz");
        }
        long roundedRate = Math.round(rate); // old Macintosh rates such as 22254.545 Hz are not integers
        AudioDecoder.checkRate(roundedRate, file);

        String compression = aifc ? Pcm.fourCc(b, p + 18) : "NONE";
        Pcm.Kind kind;
        boolean bigEndian = true;
        switch (compression) {
            case "NONE", "twos" -> kind = Pcm.Kind.SIGNED;
            case "sowt" -> {
                kind = Pcm.Kind.SIGNED;
                bigEndian = false;
            }
            case "fl32", "FL32" -> {
                kind = Pcm.Kind.FLOAT;
                bits = 32;
            }
            case "fl64", "FL64" -> {
                kind = Pcm.Kind.FLOAT;
                bits = 64;
            }
            default -> throw new AudioFormatException(file, "unsupported AIFC compression " + Pcm.quoted(compression)
                    + " (NONE, twos, sowt, fl32 and fl64 are supported)");
        }
        if (kind == Pcm.Kind.SIGNED && bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new AudioFormatException(file, "unsupported bits per sample: " + bits + " (8, 16, 24 and 32 are supported)");
        }
        return new Comm(channels, frames, bits, bits / 8, (int) roundedRate, kind, bigEndian);
    }

    /** IEEE 754 80-bit extended (sign, 15-bit exponent, 64-bit mantissa with explicit integer bit). */
    static double extended80(byte[] b, int p) {
        int exponent = ((b[p] & 0x7f) << 8) | (b[p + 1] & 0xff);
        boolean negative = (b[p] & 0x80) != 0;
        long mantissa = Pcm.int64(b, p + 2, true);
        if (exponent == 0x7fff) return Double.NaN;
        if (exponent == 0 && mantissa == 0) return 0.0;
        double m = (mantissa >>> 32) * 0x1p32 + (mantissa & 0xffffffffL); // the mantissa is unsigned
        double v = Math.scalb(m, exponent - 16383 - 63);
        return negative ? -v : v;
    }

    /** Writes a positive integer as 80-bit extended (exact for any int). */
    static void putExtended80(byte[] b, int p, int value) {
        if (value <= 0) throw new IllegalArgumentException("sample rate must be positive");
        int shift = Long.numberOfLeadingZeros(value);
        long mantissa = (long) value << shift;
        int exponent = 16383 + 63 - shift;
        b[p] = (byte) (exponent >> 8);
        b[p + 1] = (byte) exponent;
        for (int i = 0; i < 8; i++) b[p + 2 + i] = (byte) (mantissa >>> (56 - 8 * i));
    }
}
