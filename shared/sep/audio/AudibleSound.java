package sep.audio;

import java.util.Locale;

/**
 * Whether a stretch of audio holds enough sound for a recogniser to judge, by two absolute rules that come before the
 * relative trim of the model's preprocessing (which, on its own, keeps whatever is loudest, even hiss):
 *
 * <ul>
 *   <li><b>Silent</b>: its loudest frame (2048 samples, the trimmer's frames) stays below {@value #SILENCE_DBFS} dBFS
 *       RMS. Dithered digital silence is near -100 dBFS and room tone of a quiet room -70 to -60; the quietest speech
 *       in EmoDB, RAVDESS and the CREMA-D sample (a softly speaking RAVDESS actor) has its loudest frame at -56 dBFS, the
 *       median clip at -26. (A full-scale sine is -3 dBFS RMS.)</li>
 *   <li><b>Too short</b>: the stretch, or its sound once the relative trim has cut the quiet edges, lasts less than
 *       {@value #MIN_SECONDS} s. That is about one syllable (speech runs at four to five a second): too little for
 *       the pitch contour, rhythm and loudness changes an emotion shows in; the models learned from whole utterances
 *       of 1.2 s and more.</li>
 * </ul>
 */
public final class AudibleSound {
    private AudibleSound() {}

    /** Shortest stretch (and shortest sound within it) that is classified, seconds. */
    public static final double MIN_SECONDS = 0.25;
    /** Loudest-frame RMS level below which a stretch is silent, dBFS. */
    public static final double SILENCE_DBFS = -60;

    public enum Verdict { ENOUGH, SILENT, TOO_SHORT }

    /**
     * @param seconds      length of the stretch
     * @param loudestDbfs  RMS level of its loudest frame (-infinity for digital zero)
     * @param soundSeconds length left after trimming quiet edges (0 when silent)
     */
    public record Check(Verdict verdict, double seconds, double loudestDbfs, double soundSeconds) {
        /** Why it is not classified, for a person: e.g. {@code "0.05 s long, under the 0.25 s minimum"}. */
        public String reason() {
            return switch (verdict) {
                case ENOUGH -> "enough sound";
                case SILENT -> String.format(Locale.ROOT, "loudest frame at %.0f dBFS, below the %.0f dBFS of silence", loudestDbfs,
                        SILENCE_DBFS);
                case TOO_SHORT -> soundSeconds < seconds && seconds >= MIN_SECONDS
                        ? String.format(Locale.ROOT, "%.2f s of sound, under the %.2f s minimum", soundSeconds, MIN_SECONDS)
                        : String.format(Locale.ROOT, "%.2f s long, under the %.2f s minimum", seconds, MIN_SECONDS);
            };
        }
    }

    /**
     * Checks a stretch of mono audio.
     *
     * @param trimTopDb the relative trim of the model that will see it (dB below the loudest frame), or {@code <= 0}
     *                  when the model does not trim
     */
    public static Check check(Audio audio, double trimTopDb) {
        float[] x = audio.samples();
        double seconds = audio.seconds();
        if (seconds < MIN_SECONDS) return new Check(Verdict.TOO_SHORT, seconds, loudestFrameDbfs(x), seconds);
        double loudest = loudestFrameDbfs(x);
        if (!(loudest >= SILENCE_DBFS)) return new Check(Verdict.SILENT, seconds, loudest, 0);
        double sound = seconds;
        if (trimTopDb > 0) {
            int[] range = SilenceTrimmer.nonSilentRange(x, trimTopDb);
            sound = (range[1] - range[0]) / (double) audio.sampleRate();
        }
        return new Check(sound < MIN_SECONDS ? Verdict.TOO_SHORT : Verdict.ENOUGH, seconds, loudest, sound);
    }

    /** RMS level of the loudest of the trimmer's frames, dBFS; -infinity for all zeros. */
    public static double loudestFrameDbfs(float[] x) {
        return 10 * Math.log10(SilenceTrimmer.loudestMeanSquare(x));
    }
}
