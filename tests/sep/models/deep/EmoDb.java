package sep.models.deep;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import sep.data.DataLocation;
import sep.features.LogMelConfig;
import sep.features.LogMelExtractor;

/**
 * Test-only access to EmoDB: file list, speaker and label from the name, and log-mels through
 * LogMelExtractor. The WAV reader is deliberately minimal (16-bit PCM mono, RIFF chunk walk): the
 * project's decoders live elsewhere and these tests must not depend on them.
 */
final class EmoDb {
    private EmoDb() {}

    /** The conventions' EmoDB class order. */
    static final List<String> LABELS = List.of("neutral", "boredom", "happiness", "sadness", "anger", "fear", "disgust");

    static Path wavDir() {
        return DataLocation.dataDir().resolve("emodb/wav");
    }

    /** All clips, sorted by name. */
    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(wavDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".wav")).sorted().toList();
        }
    }

    static String speaker(Path wav) {
        return wav.getFileName().toString().substring(0, 2);
    }

    /** Class index from the sixth character of the name (German initial of the emotion). */
    static int label(Path wav) {
        char code = wav.getFileName().toString().charAt(5);
        return switch (code) {
            case 'N' -> 0;
            case 'L' -> 1;
            case 'F' -> 2;
            case 'T' -> 3;
            case 'W' -> 4;
            case 'A' -> 5;
            case 'E' -> 6;
            default -> throw new IllegalArgumentException(wav + ": unknown emotion code " + code);
        };
    }

    static LabelledMel load(Path wav) throws IOException {
        float[][] db = new LogMelExtractor(LogMelConfig.defaults()).compute(wav16(wav)).db();
        String name = wav.getFileName().toString();
        return new LabelledMel(name.substring(0, name.length() - 4), db, label(wav));
    }

    static List<LabelledMel> load(List<Path> wavs) throws IOException {
        List<LabelledMel> out = new ArrayList<>();
        for (Path p : wavs) out.add(load(p));
        return out;
    }

    /** 16-bit PCM mono WAV, walking the RIFF chunks (EmoDB files may carry other chunks before 'data'). */
    static float[] wav16(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) throw new IOException(file + ": not RIFF/WAVE");
        int pos = 12;
        boolean fmtOk = false;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                if ((b.getShort(body) & 0xffff) != 1 || b.getShort(body + 2) != 1 || b.getShort(body + 14) != 16) {
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
}
