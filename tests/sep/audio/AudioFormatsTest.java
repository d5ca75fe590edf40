package sep.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sep.audio.TestFiles.chunk;
import static sep.audio.TestFiles.chunkDeclaring;
import static sep.audio.TestFiles.comm;
import static sep.audio.TestFiles.fmt;
import static sep.audio.TestFiles.form;
import static sep.audio.TestFiles.iffChunk;
import static sep.audio.TestFiles.riff;
import static sep.audio.TestFiles.ssnd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Writer/decoder round trips and the WAV/AIFF/FLAC variants the corpora do not contain. */
class AudioFormatsTest {

    @TempDir
    Path dir;

    private static float[] realClip() throws Exception {
        return AudioDecoder.readMono(TestFiles.data().resolve("emodb/wav/03a01Fa.wav")).samples();
    }

    /** A stereo signal off every integer grid, including values that must clip. */
    private static float[][] offGridStereo(int n) {
        float[][] x = new float[2][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = (float) (0.9 * Math.sin(2 * Math.PI * 440 * i / 16000.0) + 1e-7 * i);
            x[1][i] = (float) (1.3 * Math.cos(2 * Math.PI * 300 * i / 16000.0)); // beyond full scale at the peaks
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(AudioWriter.Encoding.class)
    void wavRoundTripOfRealClipIsExact(AudioWriter.Encoding enc) throws Exception {
        float[] clip = realClip(); // 16-bit samples lie on every integer grid of 16 bits or more
        Path file = dir.resolve("clip-" + enc + ".wav");
        AudioWriter.writeWav(file, new float[][] {clip}, 16000, enc);
        DecodedAudio d = AudioDecoder.decode(file);
        assertArrayEquals(clip, d.channels()[0]);
        assertEquals(16000, d.sampleRate());
        assertEquals(enc.name().startsWith("FLOAT"), d.floatingPoint());
        assertEquals(Integer.parseInt(enc.name().replaceAll("\\D", "")), d.bitsPerSample());
        assertArrayEquals(Files.readAllBytes(file), AudioWriter.wavBytes(new float[][] {clip}, 16000, enc));
    }

    @ParameterizedTest
    @EnumSource(AudioWriter.Encoding.class)
    void wavRoundTripOffGridIsWithinHalfAStep(AudioWriter.Encoding enc) throws Exception {
        float[][] x = offGridStereo(4000);
        Path file = dir.resolve("stereo-" + enc + ".wav");
        AudioWriter.writeWav(file, x, 16000, enc);
        DecodedAudio d = AudioDecoder.decode(file);
        assertEquals(2, d.channelCount());
        if (enc.name().startsWith("FLOAT")) {
            assertArrayEquals(x[0], d.channels()[0]);
            assertArrayEquals(x[1], d.channels()[1]); // floats are not clipped
            return;
        }
        int bits = Integer.parseInt(enc.name().replaceAll("\\D", ""));
        assertWithinQuantisation(x, d.channels(), bits);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 24, 32})
    void aiffRoundTrip(int bits) throws Exception {
        float[] clip = realClip();
        Path file = dir.resolve("clip-" + bits + ".aiff");
        AudioWriter.writeAiff(file, new float[][] {clip}, 16000, bits);
        DecodedAudio d = AudioDecoder.decode(file);
        assertEquals(AudioContainer.AIFF, d.container());
        assertEquals(bits, d.bitsPerSample());
        assertEquals(16000, d.sampleRate());
        if (bits >= 16) assertArrayEquals(clip, d.channels()[0]);
        else assertWithinQuantisation(new float[][] {clip}, d.channels(), bits);

        float[][] x = offGridStereo(3001); // odd byte count at 8 bits exercises the pad byte
        AudioWriter.writeAiff(file, x, 44100, bits);
        d = AudioDecoder.decode(file);
        assertEquals(44100, d.sampleRate());
        assertWithinQuantisation(x, d.channels(), bits);
    }

    /** Integer encodings: error at most half a step, except where the input exceeds full scale (clipped). */
    private static void assertWithinQuantisation(float[][] x, float[][] y, int bits) {
        double step = 1.0 / (1L << (bits - 1));
        double top = 1 - step;
        for (int c = 0; c < x.length; c++) {
            assertEquals(x[c].length, y[c].length);
            for (int i = 0; i < x[c].length; i++) {
                double clipped = Math.max(-1, Math.min(top, x[c][i]));
                // float input carries its own rounding (~6e-8 relative), relevant only at 32 bits
                assertEquals(clipped, y[c][i], step / 2 + 1e-7, "channel " + c + " sample " + i);
            }
        }
    }

    @Test
    void wavBytesLayout() {
        byte[] b = AudioWriter.wavBytes(new float[][] {{0.5f, -1f, 0.25f}}, 22050, AudioWriter.Encoding.PCM_16);
        assertEquals(44 + 6, b.length); // canonical 44-byte header for PCM
        assertEquals("RIFF", new String(b, 0, 4));
        assertEquals("data", new String(b, 36, 4));
        assertEquals(0x4000, (b[44] & 0xff) | (b[45] & 0xff) << 8);
        assertEquals(0x8000, (b[46] & 0xff) | (b[47] & 0xff) << 8);
        byte[] f = AudioWriter.wavBytes(new float[][] {{0.5f}}, 8000, AudioWriter.Encoding.FLOAT_32);
        assertEquals("fact", new String(f, 36, 4)); // required for non-PCM WAV
    }

    @Test
    void writeIsAtomicAndReplaces() throws Exception {
        Path file = dir.resolve("out.wav");
        AudioWriter.writeWav(file, new float[][] {new float[100]}, 16000, AudioWriter.Encoding.PCM_16);
        AudioWriter.writeWav(file, new float[][] {new float[50]}, 16000, AudioWriter.Encoding.PCM_24);
        assertEquals(50, AudioDecoder.decode(file).frames());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files may remain");
        }
        assertThrows(IllegalArgumentException.class,
                () -> AudioWriter.writeWav(file, new float[][] {new float[3], new float[4]}, 16000, AudioWriter.Encoding.PCM_16));
        assertThrows(IllegalArgumentException.class, () -> AudioWriter.writeAiff(file, new float[][] {new float[3]}, 16000, 12));
        assertEquals(50, AudioDecoder.decode(file).frames(), "a rejected write leaves the old file");
    }

    @Test
    void wavThatIsReallyAiffDecodes() throws Exception {
        float[] clip = realClip();
        Path file = dir.resolve("mislabelled.wav");
        AudioWriter.writeAiff(file, new float[][] {clip}, 16000, 16);
        DecodedAudio d = AudioDecoder.decode(file);
        assertEquals(AudioContainer.AIFF, d.container());
        assertArrayEquals(clip, d.channels()[0]);
    }

    @Test
    void stereoDownmixAveragesChannels() throws Exception {
        float[][] x = {{0.5f, -0.25f, 1f, 0f}, {0.25f, -0.75f, -1f, 0.5f}};
        Path file = dir.resolve("stereo.wav");
        AudioWriter.writeWav(file, x, 16000, AudioWriter.Encoding.PCM_16);
        Audio mono = AudioDecoder.readMono(file);
        // 1.0 is stored as 32767/32768 (full scale clips), so the third average is (32767/32768 - 1) / 2
        assertArrayEquals(new float[] {0.375f, -0.5f, -1f / 65536, 0.25f}, mono.samples());
        // identical channels downmix to exactly that channel (as for the five stereo RAVDESS originals)
        float[] clip = realClip();
        AudioWriter.writeWav(file, new float[][] {clip, clip}, 16000, AudioWriter.Encoding.PCM_16);
        assertArrayEquals(clip, AudioDecoder.readMono(file).samples());
        // more channels: plain average
        DecodedAudio three = new DecodedAudio(new float[][] {{0.3f}, {0.6f}, {-0.3f}}, 8000, AudioContainer.WAV, 16, false);
        assertEquals(0.2f, three.toMono().samples()[0], 1e-7f);
        DecodedAudio one = new DecodedAudio(new float[][] {{0.3f}}, 8000, AudioContainer.WAV, 16, false);
        assertSame(one.channels()[0], one.toMono().samples());
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 96000, 192000})
    void otherSampleRates(int rate) throws Exception {
        float[][] x = offGridStereo(rate / 10);
        Path wav = dir.resolve("r.wav"), aiff = dir.resolve("r.aiff");
        AudioWriter.writeWav(wav, x, rate, AudioWriter.Encoding.PCM_24);
        AudioWriter.writeAiff(aiff, x, rate, 24);
        for (Path p : List.of(wav, aiff)) {
            DecodedAudio d = AudioDecoder.decode(p);
            assertEquals(rate, d.sampleRate(), p.toString());
            assertEquals(rate / 10, d.frames());
            assertEquals(2, d.channelCount());
        }
        int[][] ints = new int[1][rate / 10];
        for (int i = 0; i < ints[0].length; i++) ints[0][i] = (int) Math.round(8000 * Math.sin(i * 0.01));
        DecodedAudio f = AudioDecoder.decode(TestFiles.write(dir, "r.flac", TestFiles.flac(ints, rate, 16, 4096, ints[0].length)));
        assertEquals(rate, f.sampleRate());
        assertEquals(ints[0].length, f.frames());
    }

    // ---- WAV variants ----

    @Test
    void eightBitWavIsUnsigned() throws Exception {
        byte[] data = {(byte) 0x80, (byte) 0xFF, 0x00, (byte) 0xC0, 0x7F};
        DecodedAudio d = AudioDecoder.decode(TestFiles.write(dir, "u8.wav",
                riff("WAVE", chunk("fmt ", fmt(1, 1, 8000, 8, 1)), chunk("data", data))));
        assertArrayEquals(new float[] {0f, 127 / 128f, -1f, 0.5f, -1 / 128f}, d.channels()[0]);
        assertEquals(8, d.bitsPerSample());
    }

    @Test
    void extensibleWavWithPcmAndFloatSubFormats() throws Exception {
        byte[] pcm = new TestFiles.Bytes().u8(0).u8(0).u8(0x40).u8(0).u8(0).u8(0xC0).toArray(); // 24-bit: 0.5, -0.5
        DecodedAudio d = AudioDecoder.decode(TestFiles.write(dir, "ext24.wav",
                riff("WAVE", chunk("fmt ", TestFiles.fmtExtensible(1, 1, 48000, 24)), chunk("data", pcm))));
        assertArrayEquals(new float[] {0.5f, -0.5f}, d.channels()[0]);
        assertEquals(24, d.bitsPerSample());

        byte[] floats = new TestFiles.Bytes().le32(Float.floatToIntBits(0.125f)).le32(Float.floatToIntBits(-0.75f)).toArray();
        d = AudioDecoder.decode(TestFiles.write(dir, "extf.wav",
                riff("WAVE", chunk("fmt ", TestFiles.fmtExtensible(3, 2, 48000, 32)), chunk("data", floats))));
        assertEquals(2, d.channelCount());
        assertEquals(0.125f, d.channels()[0][0]);
        assertEquals(-0.75f, d.channels()[1][0]);
        assertTrue(d.floatingPoint());
    }

    @Test
    void signedIntegerScalingMatchesSoundfile() throws Exception {
        byte[] d32 = new TestFiles.Bytes().le32(Integer.MIN_VALUE).le32(Integer.MAX_VALUE).le32(1 << 30).toArray();
        DecodedAudio d = AudioDecoder.decode(TestFiles.write(dir, "i32.wav",
                riff("WAVE", chunk("fmt ", fmt(1, 1, 16000, 32, 4)), chunk("data", d32))));
        assertArrayEquals(new float[] {-1f, 1f, 0.5f}, d.channels()[0]); // 2^31-1 / 2^31 rounds to 1.0f in float
        DecodedAudio s16 = AudioDecoder.decode(TestFiles.write(dir, "i16.wav",
                riff("WAVE", chunk("fmt ", fmt(1, 1, 16000, 16, 2)), chunk("data", TestFiles.pcm16le((short) -32768, (short) 32767, (short) 1)))));
        assertArrayEquals(new float[] {-1f, 32767 / 32768f, 1 / 32768f}, s16.channels()[0]);
    }

    @Test
    void chunksAroundDataAreSkippedIncludingOddSizedOnes() throws Exception {
        byte[] samples = TestFiles.pcm16le((short) 100, (short) -200, (short) 300);
        byte[] file = riff("WAVE",
                chunk("LIST", "INFOISFT\u0005\u0000\u0000\u0000SEP!\u0000".getBytes("ISO-8859-1")), // 17 bytes: padded
                chunk("fmt ", fmt(1, 1, 16000, 16, 2)),
                chunk("junk", new byte[3]),
                chunk("data", samples),
                chunk("LIST", new byte[9]));
        DecodedAudio d = AudioDecoder.decode(TestFiles.write(dir, "chunky.wav", file));
        assertArrayEquals(new float[] {100 / 32768f, -200 / 32768f, 300 / 32768f}, d.channels()[0]);
    }

    @Test
    void dataSizeZeroOrAllOnesMeansToEndOfFile() throws Exception {
        byte[] samples = TestFiles.pcm16le((short) 1, (short) 2, (short) 3, (short) 4);
        for (long declared : new long[] {0, 0xFFFFFFFFL}) {
            byte[] file = riff("WAVE", chunk("fmt ", fmt(1, 1, 16000, 16, 2)), chunkDeclaring("data", declared, samples));
            DecodedAudio d = AudioDecoder.decode(TestFiles.write(dir, "stream-" + declared + ".wav", file));
            assertEquals(4, d.frames(), "declared " + declared);
            assertEquals(4 / 32768f, d.channels()[0][3]);
        }
        // a trailing partial frame is dropped, as soundfile does: 8 + 2 bytes of 4-byte stereo frames
        byte[] odd = riff("WAVE", chunk("fmt ", fmt(1, 2, 16000, 16, 4)), chunkDeclaring("data", 0, samples), new byte[] {9, 9});
        DecodedAudio partial = AudioDecoder.decode(TestFiles.write(dir, "partial.wav", odd));
        assertEquals(2, partial.frames());
        assertEquals(4 / 32768f, partial.channels()[1][1]);
    }

    @Test
    void rf64() throws Exception {
        byte[] samples = TestFiles.pcm16le((short) 5, (short) -5);
        byte[] ds64 = new TestFiles.Bytes().le32(0).le32(0).le32(samples.length).le32(0).le32(2).le32(0).le32(0).toArray();
        byte[] body = riff("WAVE", chunk("ds64", ds64), chunk("fmt ", fmt(1, 1, 16000, 16, 2)),
                chunkDeclaring("data", 0xFFFFFFFFL, samples), chunk("LIST", new byte[4]));
        System.arraycopy("RF64".getBytes("US-ASCII"), 0, body, 0, 4);
        DecodedAudio d = AudioDecoder.decode(TestFiles.write(dir, "big.wav", body));
        assertArrayEquals(new float[] {5 / 32768f, -5 / 32768f}, d.channels()[0]); // the LIST after data is not audio
    }

    // ---- AIFF-C variants ----

    @Test
    void aifcCompressionTypes() throws Exception {
        short[] values = {1000, -2000, 32767, -32768};
        float[] expected = new float[values.length];
        TestFiles.Bytes be = new TestFiles.Bytes(), le = new TestFiles.Bytes(), f32 = new TestFiles.Bytes(), f64 = new TestFiles.Bytes();
        for (int i = 0; i < values.length; i++) {
            expected[i] = values[i] / 32768f;
            be.be16(values[i]);
            le.le16(values[i]);
            f32.be32(Float.floatToIntBits(expected[i]));
            long bits = Double.doubleToLongBits(expected[i]);
            f64.be32(bits >>> 32).be32(bits);
        }
        Object[][] cases = {{"NONE", be, 16}, {"twos", be, 16}, {"sowt", le, 16}, {"fl32", f32, 32}, {"FL32", f32, 32},
                            {"fl64", f64, 64}, {"FL64", f64, 64}};
        for (Object[] c : cases) {
            String type = (String) c[0];
            byte[] file = form("AIFC", iffChunk("FVER", new TestFiles.Bytes().be32(0xA2805140L).toArray()),
                    iffChunk("COMM", comm(1, values.length, (Integer) c[2], 22050, type)),
                    iffChunk("SSND", ssnd(((TestFiles.Bytes) c[1]).toArray())));
            DecodedAudio d = AudioDecoder.decode(TestFiles.write(dir, type.trim() + ".aifc", file));
            assertEquals(AudioContainer.AIFC, d.container(), type);
            assertEquals(22050, d.sampleRate(), type);
            assertArrayEquals(expected, d.channels()[0], type);
            assertEquals(type.startsWith("fl") || type.startsWith("FL"), d.floatingPoint(), type);
        }
    }

    @Test
    void aiffSsndOffsetAndChunkOrder() throws Exception {
        // SSND before COMM, with a 4-byte offset before the first frame
        byte[] ssndBody = new TestFiles.Bytes().be32(4).be32(0).be32(0xDEADBEEFL).be16(1234).be16(-1234).toArray();
        byte[] file = form("AIFF", iffChunk("SSND", ssndBody), iffChunk("COMM", comm(2, 1, 16, 8000, null)));
        DecodedAudio d = AudioDecoder.decode(TestFiles.write(dir, "order.aiff", file));
        assertEquals(1234 / 32768f, d.channels()[0][0]);
        assertEquals(-1234 / 32768f, d.channels()[1][0]);
    }

    @Test
    void extendedSampleRateRoundTrips() {
        byte[] b = new byte[10];
        for (int rate : new int[] {1, 8000, 11025, 22050, 44100, 48000, 96000, 192000, 768000, Integer.MAX_VALUE}) {
            AiffReader.putExtended80(b, 0, rate);
            assertEquals(rate, AiffReader.extended80(b, 0), 0.0);
        }
        // 44100 Hz as written by Apple tools: 40 0E AC 44 00 00 00 00 00 00
        byte[] apple = {0x40, 0x0E, (byte) 0xAC, 0x44, 0, 0, 0, 0, 0, 0};
        assertEquals(44100.0, AiffReader.extended80(apple, 0), 0.0);
    }

    // ---- FLAC depths and channel counts ----

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 24})
    void flacBitDepthsAndStereo(int bits) throws Exception {
        int n = 10_000, max = (1 << (bits - 1)) - 1;
        int[][] x = new int[2][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = (int) Math.round(max * Math.sin(i * 0.013));
            x[1][i] = i % 2 == 0 ? -max - 1 : max; // both extremes of the range
        }
        DecodedAudio d = AudioDecoder.decode(TestFiles.write(dir, "x" + bits + ".flac", TestFiles.flac(x, 44100, bits, 1152, n)));
        assertEquals(AudioContainer.FLAC, d.container());
        assertEquals(bits, d.bitsPerSample());
        assertEquals(2, d.channelCount());
        assertEquals(n, d.frames());
        float scale = 1f / (1 << (bits - 1));
        for (int c = 0; c < 2; c++) for (int i = 0; i < n; i++) assertEquals(x[c][i] * scale, d.channels()[c][i], "ch " + c + " i " + i);
        assertEquals(-1f, d.channels()[1][0]);
    }

    @Test
    void emptyButValidFiles() throws Exception {
        assertEquals(0, AudioDecoder.decode(TestFiles.write(dir, "e.wav",
                AudioWriter.wavBytes(new float[][] {new float[0]}, 16000, AudioWriter.Encoding.PCM_16))).frames());
        assertEquals(0, AudioDecoder.decode(TestFiles.write(dir, "e.aiff",
                AudioWriter.aiffBytes(new float[][] {new float[0]}, 16000, 16))).frames());
    }
}
