package sep.prediction;

import sep.audio.Audio;
import sep.audio.AudioDecoder;
import sep.audio.AudioWriter;
import sep.audio.Resampler;
import sep.data.DataLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies of real clips from the data folder in other formats, made inside the test's temporary folder. */
public final class TestAudio {
    private TestAudio() {}

    public static Path emodb(String id) {
        return DataLocation.dataDir().resolve("emodb/wav/" + id + ".wav");
    }

    public static Path ravdess(String name) {
        return DataLocation.dataDir().resolve("ravdess/Actor_" + name.substring(name.length() - 2) + "/" + name + ".flac");
    }

    public static Audio read(Path file) throws IOException {
        return AudioDecoder.readMono(file);
    }

    /**
     * A folder of real clips in mixed formats, nested, with a note and a hidden file beside them. Keys are the files'
     * paths, values the original each was made from (its samples at 16 kHz, 16 bits).
     */
    public static Map<Path, Path> mixedFolder(Path dir) throws IOException {
        Map<Path, Path> made = new LinkedHashMap<>();
        Path angry = emodb("03a01Wa"), neutral = emodb("08a01Na"), sad = emodb("16b10Tb"), happy = emodb("11a02Fb");
        Path flac = ravdess("03-01-05-02-01-01-01");
        Files.createDirectories(dir.resolve("a/deeper"));
        Files.createDirectories(dir.resolve("b"));
        made.put(copy(angry, dir.resolve("a/original.wav")), angry);
        made.put(copy(flac, dir.resolve("a/deeper/ravdess.flac")), flac);
        float[] x = read(neutral).samples();
        Path aiff = dir.resolve("a/neutral.aiff");
        AudioWriter.writeAiff(aiff, new float[][]{x}, 16000, 16);
        made.put(aiff, neutral);
        Path pcm24 = dir.resolve("b/neutral-24bit.wav");
        AudioWriter.writeWav(pcm24, new float[][]{x}, 16000, AudioWriter.Encoding.PCM_24);
        made.put(pcm24, neutral);
        // 96 kHz stereo, 32-bit float: the resampler brings it back to the model's 16 kHz.
        float[] s96 = Resampler.resample(read(sad).samples(), 16000, 96000);
        Path hi = dir.resolve("b/sad-96k-stereo.wav");
        AudioWriter.writeWav(hi, new float[][]{s96, s96}, 96000, AudioWriter.Encoding.FLOAT_32);
        made.put(hi, sad);
        // AIFF content under a .wav name: read by its content.
        Path liar = dir.resolve("b/really-aiff.wav");
        AudioWriter.writeAiff(liar, new float[][]{read(happy).samples()}, 16000, 16);
        made.put(liar, happy);
        Files.writeString(dir.resolve("b/notes.txt"), "not audio\n");
        Files.copy(angry, dir.resolve("a/.hidden.wav"));
        return made;
    }

    public static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
        return to;
    }

    public static void writeWav(Path file, float[] samples, int rate) throws IOException {
        AudioWriter.writeWav(file, new float[][]{samples}, rate, AudioWriter.Encoding.PCM_16);
    }
}
