package sep.audio;

import org.junit.jupiter.api.Test;
import sep.data.DataLocation;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The absolute rules before any model: what is silent, what is too short to judge; real speech is neither. */
class AudibleSoundTest {
    static final int RATE = 16000;

    /** What {@code sox -n -r 16000 -b 16 s.wav trim 0 3} writes: digital silence with TPDF dither of one 16-bit step. */
    static float[] ditheredSilence(double seconds, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.round(r.nextDouble() - r.nextDouble()) / 32768f;
        return x;
    }

    /** White noise with its peaks at {@code dbfs} (what {@code sox -n n.wav synth 3 whitenoise vol -60dB} makes). */
    static float[] noise(double seconds, double dbfs, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) (seconds * RATE)];
        double peak = Math.pow(10, dbfs / 20);
        for (int i = 0; i < x.length; i++) x[i] = (float) (peak * (2 * r.nextDouble() - 1));
        return x;
    }

    static Audio speech(String relative) throws IOException {
        return AudioDecoder.readMono(DataLocation.dataDir().resolve(relative));
    }

    @Test
    void ditheredSilenceAndQuietNoiseAreSilent() {
        float[] dither = ditheredSilence(3, 1);
        assertTrue(max(dither) > 3e-5f,
                "the dither passes the old peak test of -90 dBFS, which is why it got a label");
        for (float[] x : new float[][]{dither, noise(3, -60, 2), noise(3, -70, 3), new float[RATE * 3]}) {
            AudibleSound.Check c = AudibleSound.check(new Audio(x, RATE), 60);
            assertEquals(AudibleSound.Verdict.SILENT, c.verdict(), c.toString());
            assertTrue(c.reason().contains("-60 dBFS"), c.reason());
        }
    }

    @Test
    void theQuietestRealSpeechIsNotSilent() throws IOException {
        // A softly speaking RAVDESS actor: the quietest clip of the corpora, loudest frame at -56 dBFS.
        for (String clip : new String[]{"ravdess/Actor_09/03-01-04-01-02-02-09.flac", "ravdess/Actor_20/03-01-02-02-02-02-20.flac",
                "emodb/wav/03a01Fa.wav"}) {
            AudibleSound.Check c = AudibleSound.check(speech(clip), 60);
            assertEquals(AudibleSound.Verdict.ENOUGH, c.verdict(), clip + " " + c);
            assertTrue(c.loudestDbfs() > AudibleSound.SILENCE_DBFS + 3, clip + " is clear of the threshold: " + c);
        }
    }

    @Test
    void aClipUnderAQuarterSecondOrWithThatLittleSoundIsTooShort() throws IOException {
        float[] x = speech("emodb/wav/03a01Fa.wav").samples();
        int loudest = SilenceTrimmer.nonSilentRange(x, 20)[0];
        Audio fiftyMs = new Audio(Arrays.copyOfRange(x, loudest, loudest + RATE / 20), RATE);
        AudibleSound.Check c = AudibleSound.check(fiftyMs, 60);
        assertEquals(AudibleSound.Verdict.TOO_SHORT, c.verdict(), c.toString());
        assertEquals("0.05 s long, under the 0.25 s minimum", c.reason());
        assertEquals(AudibleSound.Verdict.TOO_SHORT, AudibleSound.check(new Audio(new float[0], RATE), 60).verdict(), "no samples at all");
        // A click of 0.1 s in 3 s of silence: long enough a file, too little sound in it.
        float[] click = new float[RATE * 3];
        System.arraycopy(x, loudest, click, RATE, RATE / 10);
        AudibleSound.Check clickCheck = AudibleSound.check(new Audio(click, RATE), 60);
        assertEquals(AudibleSound.Verdict.TOO_SHORT, clickCheck.verdict(), clickCheck.toString());
        assertTrue(clickCheck.reason().contains("s of sound, under the 0.25 s minimum"), clickCheck.reason());
        Audio quarter = new Audio(Arrays.copyOfRange(x, loudest, loudest + RATE / 4), RATE);
        assertEquals(AudibleSound.Verdict.ENOUGH, AudibleSound.check(quarter, 0).verdict(), "0.25 s of speech is judged");
    }

    private static float max(float[] x) {
        float m = 0;
        for (float v : x) m = Math.max(m, Math.abs(v));
        return m;
    }
}
