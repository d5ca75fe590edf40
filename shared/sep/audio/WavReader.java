package sep.audio;

import java.nio.file.Path;

/**
 * RIFF/WAVE (and RF64) reader. Walks the chunk list instead of assuming a 44-byte header, because
 * real files carry PAD, LIST, fact, bext... chunks before the audio (four EmoDB files have a 4 KB
 * {@code PAD } chunk between {@code fmt } and {@code data}).
 */
final class WavReader {
    private WavReader() {}

    private static final int TAG_PCM = 0x0001;
    private static final int TAG_FLOAT = 0x0003;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID derived from a format tag (…-0000-0010-8000-00AA00389B71). */
    private static final byte[] GUID_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    static DecodedAudio read(byte[] b, Path file) throws AudioFormatException {
        boolean rf64 = Pcm.startsWith(b, 0, "RF64");
        int pos = 12;
        Format fmt = null;
        long dataStart = -1;
        long dataBytes = -1;
        long ds64DataSize = -1;
        while (pos + 8 <= b.length) {
            String id = Pcm.fourCc(b, pos);
            long size = Pcm.uint32(b, pos + 4, false);
            int body = pos + 8;
            long present = b.length - (long) body;
            if (id.equals("data")) {
                if (rf64 && size == 0xFFFFFFFFL && ds64DataSize >= 0) {
                    size = ds64DataSize;
                } else if (size == 0 || size == 0xFFFFFFFFL) {
                    // Streaming writers cannot seek back to fill in the size: the audio runs to the end of the file.
                    size = present;
                }
                if (size > present) {
                    throw new AudioFormatException(file, "truncated: data chunk declares " + size + " bytes, only " + present + " present");
                }
                dataStart = body;
                dataBytes = size;
                if (fmt != null) break; // everything needed is known; trailing chunks are irrelevant
            } else {
                if (size > present) {
                    // Reached only while fmt or data is still missing (the walk stops once both are known).
                    throw new AudioFormatException(file, "truncated: " + Pcm.quoted(id) + " chunk declares " + size
                            + " bytes, only " + present + " present");
                }
                if (id.equals("fmt ")) {
                    fmt = parseFormat(b, body, (int) size, file);
                } else if (id.equals("ds64") && rf64) {
                    if (size < 24) throw new AudioFormatException(file, "RF64 ds64 chunk too short (" + size + " bytes)");
                    ds64DataSize = Pcm.int64(b, body + 8, false);
                }
            }
            long next = body + size + (size & 1); // chunks are padded to an even length
            if (next > Integer.MAX_VALUE) break;
            pos = (int) next;
        }
        if (fmt == null) {
            throw new AudioFormatException(file, dataStart < 0 ? "truncated or not a WAV file: no fmt chunk and no data chunk"
                    : "invalid WAV: no fmt chunk");
        }
        if (dataStart < 0) throw new AudioFormatException(file, "truncated or invalid WAV: no data chunk");

        long frames = dataBytes / fmt.blockAlign; // a partial last frame is dropped, as soundfile does
        if (frames > Integer.MAX_VALUE - 8) {
            throw new AudioFormatException(file, "too long to decode into memory: " + frames + " frames");
        }
        float[][] channels = Pcm.deinterleave(b, (int) dataStart, (int) frames, fmt.channels, fmt.bits / 8, fmt.kind, false);
        return new DecodedAudio(channels, fmt.sampleRate, AudioContainer.WAV, fmt.bits, fmt.kind == Pcm.Kind.FLOAT);
    }

    record Format(int channels, int sampleRate, int bits, int blockAlign, Pcm.Kind kind) {}

    static Format parseFormat(byte[] b, int p, int size, Path file) throws AudioFormatException {
        if (size < 16) throw new AudioFormatException(file, "fmt chunk too short (" + size + " bytes, need 16)");
        int tag = Pcm.uint16(b, p, false);
        int channels = Pcm.uint16(b, p + 2, false);
        long rate = Pcm.uint32(b, p + 4, false);
        int blockAlign = Pcm.uint16(b, p + 12, false);
        int bits = Pcm.uint16(b, p + 14, false);
        if (tag == TAG_EXTENSIBLE) {
            if (size < 40) {
                throw new AudioFormatException(file, "WAVE_FORMAT_EXTENSIBLE fmt chunk too short (" + size + " bytes, need 40)");
            }
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (b[p + 26 + i] != GUID_TAIL[i]) {
                    throw new AudioFormatException(file, "unsupported WAVE_FORMAT_EXTENSIBLE sub-format " + guid(b, p + 24));
                }
            }
            tag = Pcm.uint16(b, p + 24, false);
        }
        Pcm.Kind kind;
        if (tag == TAG_PCM) {
            if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                throw new AudioFormatException(file, "unsupported PCM bits per sample: " + bits + " (8, 16, 24 and 32 are supported)");
            }
            kind = bits == 8 ? Pcm.Kind.UNSIGNED : Pcm.Kind.SIGNED;
        } else if (tag == TAG_FLOAT) {
            if (bits != 32 && bits != 64) {
                throw new AudioFormatException(file, "unsupported IEEE float bits per sample: " + bits + " (32 and 64 are supported)");
            }
            kind = Pcm.Kind.FLOAT;
        } else {
            throw new AudioFormatException(file, String.format("unsupported WAV format tag 0x%04X%s (only PCM and IEEE float are supported)",
                    tag, tagName(tag)));
        }
        AudioDecoder.checkChannels(channels, file);
        AudioDecoder.checkRate(rate, file);
        int expectedAlign = channels * (bits / 8);
        if (blockAlign != expectedAlign) {
            throw new AudioFormatException(file, "inconsistent fmt chunk: block align " + blockAlign + " but " + channels
                    + " channels x " + bits + " bits need " + expectedAlign);
        }
        return new Format(channels, (int) rate, bits, blockAlign, kind);
    }

    private static String tagName(int tag) {
        return switch (tag) {
            case 0x0002 -> " (Microsoft ADPCM)";
            case 0x0006 -> " (A-law)";
            case 0x0007 -> " (mu-law)";
            case 0x0011 -> " (IMA ADPCM)";
            case 0x0031 -> " (GSM 6.10)";
            case 0x0050 -> " (MPEG audio)";
            case 0x0055 -> " (MP3)";
            case 0x0161, 0x0162, 0x0163 -> " (Windows Media Audio)";
            case 0x00FF, 0x1610 -> " (AAC)";
            default -> "";
        };
    }

    private static String guid(byte[] b, int p) {
        return String.format("{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                Pcm.uint32(b, p, false), Pcm.uint16(b, p + 4, false), Pcm.uint16(b, p + 6, false),
                b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15]);
    }
}
