package sep.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import sep.data.DataLocation;

/**
 * Helpers shared by the sep.audio tests: the real data set and its manifest, and byte-level builders
 * for WAV/AIFF/FLAC files the writer cannot produce (odd chunks, other encodings, damage).
 */
final class TestFiles {
    private TestFiles() {}

    static Path data() {
        return DataLocation.dataDir();
    }

    record Entry(String dataset, String path, int sampleRate, int channels, int frames) {}

    private static Map<String, Entry> manifest;

    /** MANIFEST.tsv rows keyed by relative path. */
    static synchronized Map<String, Entry> manifest() {
        if (manifest == null) {
            try {
                List<String> lines = Files.readAllLines(data().resolve("MANIFEST.tsv"));
                Map<String, Entry> m = new LinkedHashMap<>();
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split("\t");
                    m.put(f[1], new Entry(f[0], f[1], Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5])));
                }
                manifest = m;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return manifest;
    }

    // ---- little byte builders ----

    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes ascii(String s) {
            for (char c : s.toCharArray()) out.write(c);
            return this;
        }

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes le16(int v) {
            return u8(v).u8(v >> 8);
        }

        Bytes le32(long v) {
            return le16((int) v).le16((int) (v >> 16));
        }

        Bytes be16(int v) {
            return u8(v >> 8).u8(v);
        }

        Bytes be32(long v) {
            return be16((int) (v >> 16)).be16((int) v);
        }

        Bytes bytes(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    /** A RIFF chunk with its true size, padded to even length. */
    static byte[] chunk(String id, byte[] body) {
        return chunkDeclaring(id, body.length, body);
    }

    /** A RIFF chunk whose size field says {@code declared}, whatever the body really holds. */
    static byte[] chunkDeclaring(String id, long declared, byte[] body) {
        Bytes b = new Bytes().ascii(id).le32(declared).bytes(body);
        if (body.length % 2 == 1) b.u8(0);
        return b.toArray();
    }

    static byte[] riff(String type, byte[]... chunks) {
        Bytes body = new Bytes().ascii(type);
        for (byte[] c : chunks) body.bytes(c);
        byte[] inner = body.toArray();
        return new Bytes().ascii("RIFF").le32(inner.length).bytes(inner).toArray();
    }

    static byte[] fmt(int tag, int channels, int rate, int bits, int blockAlign) {
        return new Bytes().le16(tag).le16(channels).le32(rate).le32((long) rate * blockAlign).le16(blockAlign).le16(bits).toArray();
    }

    /** WAVE_FORMAT_EXTENSIBLE fmt body with the standard GUID for {@code subTag}. */
    static byte[] fmtExtensible(int subTag, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        return new Bytes().bytes(fmt(0xFFFE, channels, rate, bits, align)).le16(22).le16(bits).le32(channels == 1 ? 4 : 3)
                .le16(subTag).le16(0).le16(0).le16(0x0010)
                .u8(0x80).u8(0x00).u8(0x00).u8(0xAA).u8(0x00).u8(0x38).u8(0x9B).u8(0x71).toArray();
    }

    static byte[] pcm16le(short... samples) {
        Bytes b = new Bytes();
        for (short s : samples) b.le16(s);
        return b.toArray();
    }

    /** An IFF (AIFF) chunk, big-endian size, padded to even length. */
    static byte[] iffChunk(String id, byte[] body) {
        Bytes b = new Bytes().ascii(id).be32(body.length).bytes(body);
        if (body.length % 2 == 1) b.u8(0);
        return b.toArray();
    }

    static byte[] form(String type, byte[]... chunks) {
        Bytes body = new Bytes().ascii(type);
        for (byte[] c : chunks) body.bytes(c);
        byte[] inner = body.toArray();
        return new Bytes().ascii("FORM").be32(inner.length).bytes(inner).toArray();
    }

    static byte[] comm(int channels, long frames, int bits, int rate, String compression) {
        byte[] ext = new byte[10];
        AiffReader.putExtended80(ext, 0, rate);
        Bytes b = new Bytes().be16(channels).be32(frames).be16(bits).bytes(ext);
        if (compression != null) b.ascii(compression).u8(0).u8(0); // empty Pascal string, padded to even
        return b.toArray();
    }

    static byte[] ssnd(byte[] sampleBytes) {
        return new Bytes().be32(0).be32(0).bytes(sampleBytes).toArray();
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    // ---- a minimal FLAC encoder (VERBATIM subframes) to exercise depths and channel counts not in the data ----

    /**
     * FLAC with fixed-size blocks of VERBATIM subframes, correct CRC-8/CRC-16, and STREAMINFO declaring
     * {@code declaredTotal} samples. Samples are integers in the signed range of {@code bits}.
     */
    static byte[] flac(int[][] samples, int rate, int bits, int blockSize, long declaredTotal) {
        int channels = samples.length, n = samples[0].length;
        BitWriter w = new BitWriter();
        w.bits(0x664C6143L, 32); // "fLaC"
        w.bits(1, 1).bits(0, 7).bits(34, 24); // last metadata block, STREAMINFO, 34 bytes
        w.bits(blockSize, 16).bits(blockSize, 16).bits(0, 24).bits(0, 24);
        w.bits(rate, 20).bits(channels - 1, 3).bits(bits - 1, 5).bits(declaredTotal, 36);
        for (int i = 0; i < 16; i++) w.bits(0, 8); // MD5 "unknown"
        for (int start = 0, frame = 0; start < n; start += blockSize, frame++) {
            int size = Math.min(blockSize, n - start);
            int frameStart = w.byteCount();
            w.bits(0x3FFE, 14).bits(0, 1).bits(0, 1); // sync, reserved, fixed block size
            w.bits(0b0111, 4).bits(0b0000, 4);         // block size in 16 bits at end of header; rate from STREAMINFO
            w.bits(channels - 1, 4).bits(sampleSizeCode(bits), 3).bits(0, 1);
            utf8(w, frame);
            w.bits(size - 1, 16);
            w.bits(crc8(w.array(), frameStart, w.byteCount()), 8);
            for (int[] ch : samples) {
                w.bits(0x02, 8); // VERBATIM, no wasted bits
                for (int i = 0; i < size; i++) w.bits(ch[start + i], bits);
            }
            w.align();
            w.bits(crc16(w.array(), frameStart, w.byteCount()), 16);
        }
        return w.toArray();
    }

    private static int sampleSizeCode(int bits) {
        return switch (bits) {
            case 8 -> 0b001;
            case 12 -> 0b010;
            case 16 -> 0b100;
            case 20 -> 0b101;
            case 24 -> 0b110;
            default -> 0b000;
        };
    }

    private static void utf8(BitWriter w, long v) {
        if (v < 0x80) {
            w.bits(v, 8);
        } else if (v < 0x800) {
            w.bits(0xC0 | (v >> 6), 8).bits(0x80 | (v & 0x3F), 8);
        } else {
            w.bits(0xE0 | (v >> 12), 8).bits(0x80 | ((v >> 6) & 0x3F), 8).bits(0x80 | (v & 0x3F), 8);
        }
    }

    private static int crc8(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= b[i] & 0xff;
            for (int k = 0; k < 8; k++) crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
        }
        return crc;
    }

    private static int crc16(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (b[i] & 0xff) << 8;
            for (int k = 0; k < 8; k++) crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
        }
        return crc;
    }

    private static final class BitWriter {
        private byte[] buf = new byte[1024];
        private long bitPos;

        BitWriter bits(long value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                int byteIndex = (int) (bitPos >> 3);
                if (byteIndex >= buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                if (((value >> i) & 1) != 0) buf[byteIndex] |= (byte) (0x80 >> (bitPos & 7));
                bitPos++;
            }
            return this;
        }

        void align() {
            while ((bitPos & 7) != 0) bits(0, 1);
        }

        int byteCount() {
            return (int) ((bitPos + 7) >> 3);
        }

        byte[] array() {
            return buf;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(buf, byteCount());
        }
    }
}
