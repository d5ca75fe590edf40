package sep.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files block by block ({@link AudioDecoder#open}) gives the whole-file decoder's samples, in bounded memory. */
class AudioStreamTest {
    @TempDir
    Path dir;

    /** The stream's mono samples, read in blocks of varying size. */
    static float[] readMono(Path file, Random random) throws IOException {
        try (AudioStream s = AudioDecoder.open(file)) {
            float[] all = new float[1 << 16];
            int n = 0;
            while (true) {
                int max = 1 + random.nextInt(9000);
                if (n + max > all.length) all = Arrays.copyOf(all, Math.max(all.length * 2, n + max));
                int got = s.readMono(all, n, max);
                if (got < 0) break;
                assertTrue(got >= 1 && got <= max);
                n += got;
            }
            if (s.frames() >= 0) assertEquals(s.frames(), n, file.toString());
            return Arrays.copyOf(all, n);
        }
    }

    @Test
    void realFilesReadInBlocksEqualTheWholeFileDecode() throws Exception {
        Random random = new Random(3);
        int checked = 0;
        for (TestFiles.Entry e : TestFiles.manifest().values()) {
            if (checked++ % 23 != 0 && !e.dataset().equals("ravdess-48k")) continue;
            Path file = TestFiles.data().resolve(e.path());
            assertArrayEquals(AudioDecoder.readMono(file).samples(), readMono(file, random), e.path());
            try (AudioStream s = AudioDecoder.open(file)) {
                assertEquals(e.sampleRate(), s.sampleRate());
                assertEquals(e.channels(), s.channels());
                assertEquals(e.frames(), s.frames());
            }
        }
    }

    /** STREAMINFO's MD5 of the samples, computed over frames as the stream gives them: the block decode is exact. */
    @Test
    void flacSamplesReadInBlocksMatchTheStreamInfoMd5() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        int checked = 0;
        for (TestFiles.Entry e : TestFiles.manifest().values()) {
            if (!e.dataset().equals("ravdess") || checked++ % 10 != 0) continue;
            Path file = TestFiles.data().resolve(e.path());
            byte[] expected = Arrays.copyOfRange(Files.readAllBytes(file), 8 + 18, 8 + 34);
            md5.reset();
            try (AudioStream s = AudioDecoder.open(file)) {
                float[][] block = new float[s.channels()][1000];
                byte[] pcm = new byte[1000 * 2 * s.channels()];
                for (int n; (n = s.read(block, 1000)) > 0; ) {
                    int p = 0;
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < s.channels(); c++) {
                            int v = Math.round(block[c][i] * 32768f);
                            pcm[p++] = (byte) v;
                            pcm[p++] = (byte) (v >> 8);
                        }
                    }
                    md5.update(pcm, 0, p);
                }
            }
            assertArrayEquals(expected, md5.digest(), e.path());
        }
        assertEquals(144, (checked + 9) / 10);
    }

    @Test
    void everyEncodingAndLayoutReadsAsTheWholeFileDecoderReadsIt() throws Exception {
        Random random = new Random(5);
        int n = 20_011;
        float[][] stereo = new float[2][n];
        float[][] three = new float[3][n];
        for (int i = 0; i < n; i++) {
            stereo[0][i] = (float) (0.6 * Math.sin(i * 0.01));
            stereo[1][i] = (float) (0.5 * random.nextGaussian() * 0.3);
            for (int c = 0; c < 3; c++) three[c][i] = (float) (0.3 * Math.sin(i * 0.001 * (c + 1)));
        }
        List<Path> files = new ArrayList<>();
        for (AudioWriter.Encoding enc : AudioWriter.Encoding.values()) {
            Path p = dir.resolve("s-" + enc + ".wav");
            AudioWriter.writeWav(p, stereo, 44_100, enc);
            files.add(p);
        }
        for (int bits : new int[] {8, 16, 24, 32}) {
            Path p = dir.resolve("s-" + bits + ".aiff");
            AudioWriter.writeAiff(p, stereo, 22_050, bits);
            files.add(p);
        }
        Path multi = dir.resolve("three.wav");
        AudioWriter.writeWav(multi, three, 8_000, AudioWriter.Encoding.PCM_16);
        files.add(multi);
        // A WAV with a PAD chunk between fmt and data, and one written by a streaming recorder (data size 0).
        byte[] pcm = TestFiles.pcm16le((short) 1, (short) -2, (short) 300, (short) -32768, (short) 32767);
        files.add(TestFiles.write(dir, "pad.wav", TestFiles.riff("WAVE", TestFiles.chunk("fmt ", TestFiles.fmt(1, 1, 16000, 16, 2)),
                TestFiles.chunk("PAD ", new byte[4096]), TestFiles.chunk("data", pcm))));
        files.add(TestFiles.write(dir, "streamed.wav", TestFiles.riff("WAVE", TestFiles.chunk("fmt ", TestFiles.fmt(1, 1, 16000, 16, 2)),
                TestFiles.chunkDeclaring("data", 0, pcm))));
        int[][] ints = new int[2][10_000];
        for (int i = 0; i < 10_000; i++) {
            ints[0][i] = random.nextInt(1 << 24) - (1 << 23);
            ints[1][i] = (int) (Math.sin(i * 0.02) * 1000);
        }
        files.add(TestFiles.write(dir, "s24.flac", TestFiles.flac(ints, 96_000, 24, 1152, 10_000)));
        files.add(TestFiles.write(dir, "unknown-length.flac", TestFiles.flac(ints, 96_000, 24, 1152, 0)));
        for (Path f : files) assertArrayEquals(AudioDecoder.readMono(f).samples(), readMono(f, random), f.getFileName().toString());
    }

    @Test
    void damageIsReportedWithTheWholeFileDecodersReason() throws Exception {
        byte[] pcm = TestFiles.pcm16le(new short[1000]);
        Path cutWav = TestFiles.write(dir, "cut.wav", Arrays.copyOf(TestFiles.riff("WAVE", TestFiles.chunk("fmt ", TestFiles.fmt(1, 1, 16000, 16, 2)),
                TestFiles.chunk("data", pcm)), 500));
        int[][] ints = new int[1][5000];
        byte[] flac = TestFiles.flac(ints, 16_000, 16, 1000, 5000);
        Path cutFlac = TestFiles.write(dir, "cut.flac", Arrays.copyOf(flac, flac.length - 700));
        Path notAudio = TestFiles.write(dir, "notes.wav", "just some text, not audio".getBytes());
        Path empty = TestFiles.write(dir, "empty.flac", new byte[0]);
        for (Path f : List.of(cutWav, cutFlac, notAudio, empty)) {
            AudioFormatException whole = assertThrows(AudioFormatException.class, () -> AudioDecoder.decode(f));
            AudioFormatException streamed = assertThrows(AudioFormatException.class, () -> readMono(f, new Random(1)));
            assertEquals(whole.getMessage().replaceAll("after \\d+ of", "after N of"),
                    streamed.getMessage().replaceAll("after \\d+ of", "after N of"), f.getFileName().toString());
        }
    }

    /** Three hours of 48 kHz stereo (4 GB as floats) read frame by frame; sep-bench reads twelve. */
    @Test
    void aThreeHourFlacIsReadFrameByFrame() throws Exception {
        Path file = dir.resolve("3h.flac");
        long frames = 3L * 3600 * 48_000 + 123;
        FlacBlockWriter.write(file, 48_000, 2, 16, frames, frames, (start, size) -> null);
        assertTrue(Files.size(file) < 3_000_000, "silence is a few bytes per frame");
        long read = 0;
        float peak = 0;
        try (AudioStream s = AudioDecoder.open(file)) {
            assertEquals(frames, s.frames());
            float[][] block = new float[2][FlacBlockWriter.BLOCK];
            for (int n; (n = s.read(block, FlacBlockWriter.BLOCK)) > 0; ) {
                read += n;
                for (int i = 0; i < n; i++) peak = Math.max(peak, Math.abs(block[0][i]));
            }
        }
        assertEquals(frames, read);
        assertEquals(0f, peak);
    }

    @Test
    void frameLevelsOfAStreamEqualThoseOfTheWholeSignal() {
        Random random = new Random(11);
        for (int length : new int[] {0, 1, 511, 512, 1023, 1024, 2047, 2048, 4097, 30_001}) {
            float[] x = new float[length];
            for (int i = 0; i < length; i++) x[i] = (float) (random.nextGaussian() * (i % 5000 < 2500 ? 0.3 : 1e-4));
            FrameLevels levels = new FrameLevels();
            for (int at = 0; at < length; ) {
                int len = Math.min(length - at, 1 + random.nextInt(6000));
                levels.add(x, at, len);
                at += len;
            }
            assertArrayEquals(SilenceTrimmer.frameMeanSquares(x), levels.finish(), "length " + length);
        }
    }

    @Test
    void segmentsCutFromAStreamEqualThoseCutFromTheWholeSignal() {
        Random random = new Random(13);
        float[] x = new float[100_000];
        for (int i = 0; i < x.length; i++) x[i] = i;
        List<List<Segmenter.Segment>> cases = List.of(
                Segmenter.windows(x.length, 16000, 1.0, 0.5),
                Segmenter.windows(x.length, 16000, 0.5, 0.3),
                Segmenter.windows(x.length, 16000, 10, 10),
                List.of(new Segmenter.Segment(5, 6), new Segmenter.Segment(40_000, 99_999), new Segmenter.Segment(99_999, 100_000)));
        for (List<Segmenter.Segment> segments : cases) {
            List<float[]> got = new ArrayList<>();
            SegmentCutter cutter = new SegmentCutter(segments, (s, samples) -> got.add(samples));
            for (int at = 0; at < x.length; ) {
                int len = Math.min(x.length - at, 1 + random.nextInt(20_000));
                cutter.add(x, at, len);
                at += len;
            }
            assertEquals(segments.size(), got.size());
            for (int i = 0; i < segments.size(); i++) {
                assertArrayEquals(Arrays.copyOfRange(x, segments.get(i).start(), segments.get(i).end()), got.get(i));
            }
        }
    }
}
