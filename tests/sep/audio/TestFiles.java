package sep.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    // ---- FLAC (VERBATIM subframes, FlacBlockWriter) to exercise depths and channel counts not in the data ----

    /**
     * FLAC with fixed-size blocks of VERBATIM subframes, correct CRC-8/CRC-16, and STREAMINFO declaring
     * {@code declaredTotal} samples. Samples are integers in the signed range of {@code bits}.
     */
    static byte[] flac(int[][] samples, int rate, int bits, int blockSize, long declaredTotal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            FlacBlockWriter.write(out, rate, samples.length, bits, blockSize, samples[0].length, declaredTotal, (start, size) -> {
                int[][] block = new int[samples.length][];
                for (int c = 0; c < samples.length; c++) block[c] = Arrays.copyOfRange(samples[c], (int) start, (int) start + size);
                return block;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

}
