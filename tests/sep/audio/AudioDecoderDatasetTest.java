package sep.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Decoding the real corpora: every file must match MANIFEST.tsv, and samples must be right. */
class AudioDecoderDatasetTest {

    private static final List<String> PAD_FILES = List.of("14a07Aa", "14a07Fd", "14a07Na", "14a07Wc");

    @Test
    void padChunkFilesDecodeToManifestFramesAndPlainSampleValues() throws Exception {
        for (String name : PAD_FILES) {
            String rel = "emodb/wav/" + name + ".wav";
            Path file = TestFiles.data().resolve(rel);
            byte[] raw = Files.readAllBytes(file);
            assertEquals("PAD ", new String(raw, 36, 4, "US-ASCII"), name + " should carry its PAD chunk right after fmt");
            DecodedAudio d = AudioDecoder.decode(file);
            assertEquals(TestFiles.manifest().get(rel).frames(), d.frames(), name);
            assertEquals(16000, d.sampleRate());
            assertEquals(1, d.channelCount());
            assertEquals(16, d.bitsPerSample());
            assertEquals(AudioContainer.WAV, d.container());

            // Plain decode: the audio is whatever follows the "data" tag, as 16-bit little-endian / 32768.
            int at = indexOf(raw, "data".getBytes("US-ASCII")) + 8;
            float[] plain = new float[d.frames()];
            for (int i = 0; i < plain.length; i++) {
                plain[i] = (short) ((raw[at + 2 * i] & 0xff) | (raw[at + 2 * i + 1] << 8)) / 32768f;
            }
            assertArrayEquals(plain, d.channels()[0], name);
        }
        float[] first = AudioDecoder.readMono(TestFiles.data().resolve("emodb/wav/14a07Aa.wav")).samples();
        assertArrayEquals(new float[] {0.0f, -0.00042724609375f, -0.000213623046875f, -0.000640869140625f},
                Arrays.copyOf(first, 4));
    }

    /**
     * Every file against MANIFEST.tsv. For the FLAC files also every sample: STREAMINFO carries the
     * MD5 of the decoded samples (signed, little-endian, interleaved), so matching it proves the
     * decode is exact, not just the right length.
     */
    @Test
    void everyCorpusFileMatchesManifestAndFlacSamplesMatchStreamInfoMd5() throws Exception {
        int emodb = 0, ravdess = 0, ravdess48 = 0;
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (TestFiles.Entry e : TestFiles.manifest().values()) {
            Path file = TestFiles.data().resolve(e.path());
            byte[] raw = Files.readAllBytes(file);
            DecodedAudio d = AudioDecoder.decode(new java.io.ByteArrayInputStream(raw), e.path());
            assertEquals(e.frames(), d.frames(), e.path());
            assertEquals(e.sampleRate(), d.sampleRate(), e.path());
            assertEquals(e.channels(), d.channelCount(), e.path());
            assertEquals(16, d.bitsPerSample(), e.path());
            switch (e.dataset()) {
                case "emodb" -> {
                    emodb++;
                    assertEquals(AudioContainer.WAV, d.container());
                }
                case "ravdess" -> {
                    ravdess++;
                    assertEquals(AudioContainer.FLAC, d.container());
                    byte[] expected = Arrays.copyOfRange(raw, 8 + 18, 8 + 34); // after "fLaC" and the block header
                    float[] x = d.channels()[0];
                    byte[] pcm = new byte[x.length * 2];
                    for (int i = 0; i < x.length; i++) {
                        int v = Math.round(x[i] * 32768f);
                        pcm[2 * i] = (byte) v;
                        pcm[2 * i + 1] = (byte) (v >> 8);
                    }
                    assertArrayEquals(expected, md5.digest(pcm), e.path());
                }
                case "ravdess-48k" -> ravdess48++;
                default -> throw new AssertionError("unknown dataset " + e.dataset());
            }
        }
        assertEquals(535, emodb);
        assertEquals(1440, ravdess);
        assertEquals(60, ravdess48);
    }

    @Test
    void formatIsDecidedByContentNotByName(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path flac = TestFiles.data().resolve("ravdess/Actor_01/03-01-01-01-01-01-01.flac");
        Path disguised = dir.resolve("really-flac.wav");
        Files.copy(flac, disguised);
        DecodedAudio a = AudioDecoder.decode(flac), b = AudioDecoder.decode(disguised);
        assertEquals(AudioContainer.FLAC, b.container());
        assertArrayEquals(a.channels()[0], b.channels()[0]);

        Path wav = TestFiles.data().resolve("emodb/wav/03a01Fa.wav");
        Path noExtension = dir.resolve("upload");
        Files.copy(wav, noExtension);
        assertArrayEquals(AudioDecoder.decode(wav).channels()[0], AudioDecoder.decode(noExtension).channels()[0]);
        try (var in = Files.newInputStream(wav)) {
            DecodedAudio fromStream = AudioDecoder.decode(in, "upload.bin");
            assertArrayEquals(AudioDecoder.decode(wav).channels()[0], fromStream.channels()[0]);
        }
    }

    @Test
    void ravdess48kOriginalsAreMonoAt48k() throws Exception {
        Path dir = TestFiles.data().resolve("ravdess-48k/Actor_24");
        try (var files = Files.list(dir)) {
            List<Path> all = files.sorted().toList();
            assertEquals(60, all.size());
            Audio a = AudioDecoder.readMono(all.get(0));
            assertEquals(48000, a.sampleRate());
            assertTrue(a.seconds() > 2.5 && a.seconds() < 6, "duration " + a.seconds());
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
