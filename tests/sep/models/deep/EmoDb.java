package sep.models.deep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import sep.features.ReferenceData;
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
        float[][] db = new LogMelExtractor(LogMelConfig.defaults()).compute(ReferenceData.wav16(wav)).db();
        String name = wav.getFileName().toString();
        return new LabelledMel(name.substring(0, name.length() - 4), db, label(wav));
    }

    static List<LabelledMel> load(List<Path> wavs) throws IOException {
        List<LabelledMel> out = new ArrayList<>();
        for (Path p : wavs) out.add(load(p));
        return out;
    }
}
