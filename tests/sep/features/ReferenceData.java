package sep.features;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;
import sep.data.DataLocation;

/**
 * Test-only readers for the reference clips and CSVs in shared/. Deliberately minimal (16-bit PCM
 * mono only): the project's real decoders live in sep.audio, and these tests must not depend on them.
 * Public so that tests in sub-packages (sep.features.acoustic, sep.models.classic) read clips the same way.
 */
public final class ReferenceData {
    private ReferenceData() {}

    static Path referenceDir() {
        Path dir = DataLocation.dataDir().resolveSibling("reference");
        if (!Files.isDirectory(dir)) throw new IllegalStateException("reference folder not found at " + dir);
        return dir;
    }

    public static Path dataFile(String relative) {
        return DataLocation.dataDir().resolve(relative);
    }

    /** Rows of a numeric CSV. */
    static double[][] csv(String name) throws IOException {
        List<String> lines = Files.readAllLines(referenceDir().resolve(name));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) continue;
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) row[i] = Double.parseDouble(cells[i].trim());
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }

    /** 16-bit PCM mono WAV, walking the RIFF chunks (EmoDB files may have a 'PAD ' chunk before 'data'). */
    public static float[] wav16(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) throw new IOException(file + ": not RIFF/WAVE");
        int pos = 12;
        boolean fmtOk = false;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int format = b.getShort(body) & 0xffff;
                int channels = b.getShort(body + 2);
                int bits = b.getShort(body + 14);
                if (format != 1 || channels != 1 || bits != 16) {
                    throw new IOException(file + ": test reader handles 16-bit PCM mono only");
                }
                fmtOk = true;
            } else if (id == 0x61746164) { // "data"
                if (!fmtOk) throw new IOException(file + ": data before fmt");
                int n = Math.min(size, b.limit() - body) / 2;
                float[] out = new float[n];
                for (int i = 0; i < n; i++) out[i] = b.getShort(body + 2 * i) / 32768f;
                return out;
            }
            pos = body + size + (size & 1);
        }
        throw new IOException(file + ": no data chunk");
    }

    /** 16-bit mono FLAC through jflac. */
    public static float[] flac16(Path file) throws IOException {
        List<float[]> blocks = new ArrayList<>();
        int[] total = {0};
        try (InputStream in = Files.newInputStream(file)) {
            FLACDecoder decoder = new FLACDecoder(in);
            decoder.addPCMProcessor(new PCMProcessor() {
                @Override
                public void processStreamInfo(StreamInfo info) {
                    if (info.getChannels() != 1 || info.getBitsPerSample() != 16) {
                        throw new IllegalStateException(file + ": test reader handles 16-bit mono FLAC only");
                    }
                }

                @Override
                public void processPCM(ByteData pcm) {
                    byte[] d = pcm.getData();
                    int n = pcm.getLen() / 2;
                    float[] block = new float[n];
                    for (int i = 0; i < n; i++) block[i] = (short) ((d[2 * i] & 0xff) | (d[2 * i + 1] << 8)) / 32768f;
                    blocks.add(block);
                    total[0] += n;
                }
            });
            decoder.decode();
        }
        float[] out = new float[total[0]];
        int pos = 0;
        for (float[] block : blocks) {
            System.arraycopy(block, 0, out, pos, block.length);
            pos += block.length;
        }
        return out;
    }

    /** The synthetic chirp of logmel.json: 0.5 sin(2 pi (100 t + 0.5 * 6900 t^2)), t = n / 16000, 1 s. */
    static float[] chirp() {
        float[] x = new float[16000];
        for (int n = 0; n < x.length; n++) {
            double t = n / 16000.0;
            x[n] = (float) (0.5 * Math.sin(2 * Math.PI * (100 * t + 0.5 * 6900 * t * t)));
        }
        return x;
    }

    /** Samples of a reference case by its name in logmel.json. */
    static float[] clip(String name) throws IOException {
        switch (name) {
            case "chirp": return chirp();
            case "03a01Fa": return wav16(dataFile("emodb/wav/03a01Fa.wav"));
            case "14a07Aa": return wav16(dataFile("emodb/wav/14a07Aa.wav"));
            case "03-01-05-02-01-01-01": return flac16(dataFile("ravdess/Actor_01/03-01-05-02-01-01-01.flac"));
            default: throw new IllegalArgumentException("unknown reference case " + name);
        }
    }
}
