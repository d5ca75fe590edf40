package sep.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gives an AudioFormatException that names the file and says what is wrong. */
class AudioDecoderErrorsTest {

    @TempDir
    Path dir;

    /** Decodes {@code content} written as {@code name}; asserts the failure names the file and contains {@code reason}. */
    private AudioFormatException fails(String name, byte[] content, String reason) throws Exception {
        Path file = TestFiles.write(dir, name, content);
        return failsOn(file, reason);
    }

    private static AudioFormatException failsOn(Path file, String reason) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioDecoder.decode(file));
        assertTrue(e.getMessage().startsWith(file.toString()), "message should start with the path: " + e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
        assertEquals(file, e.file());
        return e;
    }

    private static byte[] realWav() throws Exception {
        return Files.readAllBytes(TestFiles.data().resolve("emodb/wav/03a01Fa.wav"));
    }

    @Test
    void emptyFile() throws Exception {
        fails("empty.wav", new byte[0], "empty file (0 bytes)");
    }

    @Test
    void randomBytes() throws Exception {
        byte[] junk = new byte[5000];
        new Random(42).nextBytes(junk);
        junk[0] = 0x13; // keep clear of any magic number
        fails("noise.wav", junk, "not a WAV, AIFF or FLAC file (starts with 13 ");
        fails("text.flac", "hello, world\n".getBytes("US-ASCII"), "not a WAV, AIFF or FLAC file (starts with 68 65 6C 6C 6F 2C 20 77 \"hello, w\")");
    }

    @Test
    void missingFileAndDirectory() throws Exception {
        failsOn(dir.resolve("nope.wav"), "file not found");
        Path sub = Files.createDirectory(dir.resolve("folder.wav"));
        failsOn(sub, "is a directory");
    }

    @Test
    void unreadableFile() throws Exception {
        Path file = TestFiles.write(dir, "locked.wav", realWav());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        // root reads anything regardless of permissions, so there is nothing to test then
        Assumptions.assumeFalse(Files.isReadable(file), "running with permission to read mode-000 files (root)");
        failsOn(file, "permission denied");
    }

    @Test
    void truncatedWavHeaderAndData() throws Exception {
        byte[] wav = realWav();
        fails("riff-only.wav", Arrays.copyOf(wav, 8), "truncated: RIFF header is 8 bytes");
        fails("cut-in-fmt.wav", Arrays.copyOf(wav, 30), "truncated: 'fmt ' chunk declares 16 bytes, only 10 present");
        fails("no-data.wav", Arrays.copyOf(wav, 36), "no data chunk");
        long declared = (wav[40] & 0xff) | (wav[41] & 0xff) << 8 | (wav[42] & 0xff) << 16 | (long) (wav[43] & 0xff) << 24;
        fails("cut-in-data.wav", Arrays.copyOf(wav, 1044), "truncated: data chunk declares " + declared + " bytes, only 1000 present");
    }

    @Test
    void truncatedAiffHeaderAndData() throws Exception {
        byte[] aiff = AudioWriter.aiffBytes(new float[][] {new float[1000]}, 16000, 16);
        fails("form-only.aiff", Arrays.copyOf(aiff, 10), "truncated: FORM header is 10 bytes");
        fails("cut-in-comm.aiff", Arrays.copyOf(aiff, 30), "truncated: 'COMM' chunk declares 18 bytes, only 10 present");
        fails("no-ssnd.aiff", Arrays.copyOf(aiff, 38), "COMM declares 1000 frames but there is no SSND chunk");
        fails("cut-in-ssnd.aiff", Arrays.copyOf(aiff, 1000), "truncated: 'SSND' chunk declares 2008 bytes, only 954 present");
        // SSND chunk intact but smaller than COMM's frame count implies
        byte[] shortSsnd = form("AIFF", iffChunk("COMM", comm(1, 1000, 16, 16000, null)), iffChunk("SSND", ssnd(new byte[100])));
        fails("short-ssnd.aiff", shortSsnd, "truncated: COMM declares 1000 frames (2000 bytes), SSND holds only 100");
    }

    @Test
    void impossibleWavFormats() throws Exception {
        byte[] data = chunk("data", new byte[400]);
        fails("zero-channels.wav", riff("WAVE", chunk("fmt ", fmt(1, 0, 16000, 16, 0)), data), "zero channels");
        fails("rate-zero.wav", riff("WAVE", chunk("fmt ", fmt(1, 1, 0, 16, 2)), data), "sample rate 0 Hz");
        fails("rate-absurd.wav", riff("WAVE", chunk("fmt ", fmt(1, 1, 2_000_000_000, 16, 2)), data), "implausible sample rate 2000000000 Hz");
        fails("twelve-bit.wav", riff("WAVE", chunk("fmt ", fmt(1, 1, 16000, 12, 2)), data), "unsupported PCM bits per sample: 12");
        fails("float16.wav", riff("WAVE", chunk("fmt ", fmt(3, 1, 16000, 16, 2)), data), "unsupported IEEE float bits per sample: 16");
        fails("alaw.wav", riff("WAVE", chunk("fmt ", fmt(6, 1, 8000, 8, 1)), data), "unsupported WAV format tag 0x0006 (A-law)");
        fails("bad-align.wav", riff("WAVE", chunk("fmt ", fmt(1, 2, 16000, 16, 2)), data), "block align 2 but 2 channels x 16 bits need 4");
        fails("short-fmt.wav", riff("WAVE", chunk("fmt ", new byte[12]), data), "fmt chunk too short (12 bytes");
        fails("no-fmt.wav", riff("WAVE", data), "no fmt chunk");
        fails("avi.wav", riff("AVI ", data), "RIFF file of type 'AVI ' is not a WAV file");
        byte[] oddGuid = TestFiles.fmtExtensible(1, 1, 16000, 16);
        oddGuid[30] = 0x55;
        fails("ext-guid.wav", riff("WAVE", chunk("fmt ", oddGuid), data), "unsupported WAVE_FORMAT_EXTENSIBLE sub-format {00000001-0000-0055-8000-00AA00389B71}");
    }

    @Test
    void impossibleAiffFormats() throws Exception {
        byte[] ssnd = iffChunk("SSND", ssnd(new byte[400]));
        fails("zero-channels.aiff", form("AIFF", iffChunk("COMM", comm(0, 100, 16, 16000, null)), ssnd), "zero channels");
        fails("twelve-bit.aiff", form("AIFF", iffChunk("COMM", comm(1, 100, 12, 16000, null)), ssnd), "unsupported bits per sample: 12");
        fails("ulaw.aifc", form("AIFC", iffChunk("COMM", comm(1, 100, 16, 16000, "ulaw")), ssnd), "unsupported AIFC compression 'ulaw'");
        byte[] rateZero = comm(1, 100, 16, 16000, null);
        Arrays.fill(rateZero, 8, 18, (byte) 0);
        fails("rate-zero.aiff", form("AIFF", iffChunk("COMM", rateZero), ssnd), "sample rate 0 Hz");
        fails("rate-absurd.aiff", form("AIFF", iffChunk("COMM", comm(1, 100, 16, 5_000_000, null)), ssnd), "implausible sample rate 5000000 Hz");
        fails("svx.aiff", form("8SVX", ssnd), "IFF file of type '8SVX' is not an AIFF file");
    }

    @Test
    void compressedFormatsAreNamed() throws Exception {
        byte[] id3 = new byte[64];
        System.arraycopy("ID3".getBytes("US-ASCII"), 0, id3, 0, 3);
        id3[3] = 4;
        id3[9] = 20; // tag size; followed by zeros, i.e. not FLAC
        fails("song.wav", id3, "MP3 is not supported");
        byte[] frameSync = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64, 0, 0, 0, 0};
        fails("song2.wav", frameSync, "MP3 is not supported (MPEG frame sync");
        byte[] adts = {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80, 0, 0, 0, 0};
        fails("song.aac.wav", adts, "AAC (ADTS) is not supported");
        byte[] ogg = new byte[64];
        System.arraycopy("OggS".getBytes("US-ASCII"), 0, ogg, 0, 4);
        ogg[28] = 1;
        System.arraycopy("vorbis".getBytes("US-ASCII"), 0, ogg, 29, 6);
        fails("voice.flac", ogg, "Ogg Vorbis is not supported");
        System.arraycopy("OpusHead".getBytes("US-ASCII"), 0, ogg, 28, 8);
        fails("voice2.flac", ogg, "Ogg Opus is not supported");
        byte[] m4a = new byte[32];
        System.arraycopy("ftypM4A ".getBytes("US-ASCII"), 0, m4a, 4, 8);
        fails("voice.m4a.wav", m4a, "MP4/M4A is not supported");
    }

    @Test
    void id3TaggedFlacStillDecodes() throws Exception {
        byte[] flac = TestFiles.flac(new int[][] {{1, -2, 3, -4}}, 16000, 16, 4096, 4);
        byte[] tagged = new byte[10 + 30 + flac.length];
        System.arraycopy("ID3".getBytes("US-ASCII"), 0, tagged, 0, 3);
        tagged[3] = 4;
        tagged[9] = 30;
        System.arraycopy(flac, 0, tagged, 40, flac.length);
        DecodedAudio d = AudioDecoder.decode(TestFiles.write(dir, "tagged.flac", tagged));
        assertEquals(AudioContainer.FLAC, d.container());
        assertEquals(4, d.frames());
        assertEquals(-4 / 32768f, d.channels()[0][3]);
    }

    @Test
    void damagedFlac() throws Exception {
        byte[] real = Files.readAllBytes(TestFiles.data().resolve("ravdess/Actor_01/03-01-01-01-01-01-01.flac"));
        fails("cut.flac", Arrays.copyOf(real, real.length / 2), "truncated");
        fails("cut-in-streaminfo.flac", Arrays.copyOf(real, 20), "truncated: FLAC metadata block 0 declares 34 bytes, only 12 present");
        fails("cut-in-block-header.flac", Arrays.copyOf(real, 6), "truncated: FLAC metadata ends early");
        byte[] flipped = real.clone();
        flipped[real.length / 2] ^= 0x10;
        fails("flipped.flac", flipped, "corrupt FLAC");

        int[][] samples = {new int[10000]};
        for (int i = 0; i < 10000; i++) samples[0][i] = (i * 37) % 2000 - 1000;
        fails("overlong.flac", TestFiles.flac(samples, 16000, 16, 4096, 5000), "more than the 5000 samples STREAMINFO declares");
        fails("short.flac", TestFiles.flac(samples, 16000, 16, 4096, 20000), "truncated: STREAMINFO declares 20000 samples, only 10000 present");
        fails("zero-rate.flac", TestFiles.flac(samples, 0, 16, 4096, 10000), "sample rate 0 Hz");
        fails("twelve-bit.flac", TestFiles.flac(samples, 16000, 12, 4096, 10000), "unsupported FLAC bits per sample: 12");
    }

    @Test
    void streamErrorsUseTheGivenName() throws Exception {
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> AudioDecoder.decode(new ByteArrayInputStream(new byte[0]), "upload-17.wav"));
        assertTrue(e.getMessage().startsWith("upload-17.wav: empty file"), e.getMessage());
        e = assertThrows(AudioFormatException.class,
                () -> AudioDecoder.decode(new ByteArrayInputStream("OggS".getBytes("US-ASCII")), "clip.ogg"));
        assertTrue(e.getMessage().startsWith("clip.ogg: Ogg is not supported"), e.getMessage());
    }

    /**
     * Damaged copies of real files (cut anywhere, bytes overwritten in the header or anywhere) must
     * either decode or fail with AudioFormatException: never another exception, an Error or a hang.
     * This found jflac allocating gigabytes for damaged tags and looping on a bad frame header.
     */
    @Test
    void damagedFilesNeverThrowAnythingElse() throws Exception {
        byte[][] seeds = {
            Files.readAllBytes(TestFiles.data().resolve("emodb/wav/14a07Aa.wav")),
            Files.readAllBytes(TestFiles.data().resolve("ravdess/Actor_01/03-01-01-01-01-01-01.flac")),
            AudioWriter.aiffBytes(new float[][] {new float[2000], new float[2000]}, 16000, 24),
        };
        Random random = new Random(20240611);
        int rejected = 0;
        for (byte[] seed : seeds) {
            for (int i = 0; i < 250; i++) {
                int mode = random.nextInt(3);
                byte[] b;
                if (mode == 0) {
                    b = Arrays.copyOf(seed, random.nextInt(seed.length));
                } else {
                    b = seed.clone();
                    int span = mode == 1 ? Math.min(b.length, 80) : b.length;
                    for (int k = 1 + random.nextInt(4); k > 0; k--) b[random.nextInt(span)] = (byte) random.nextInt(256);
                }
                try {
                    AudioDecoder.decode(new ByteArrayInputStream(b), "damaged-" + i);
                } catch (AudioFormatException e) {
                    assertTrue(e.getMessage().startsWith("damaged-" + i + ": "), e.getMessage());
                    rejected++;
                }
            }
        }
        assertTrue(rejected > 300, "most damage should be detected, got " + rejected);
    }
}
