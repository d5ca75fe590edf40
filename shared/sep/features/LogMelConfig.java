package sep.features;

/**
 * Settings of the log-mel front end. The defaults follow librosa 0.10 (n_fft 1024, hop 256,
 * 128 Slaney mel bands from 0 Hz to Nyquist, top_db 80) so that features computed here can be
 * checked cell by cell against Python reference values.
 *
 * <p>{@code fMax <= 0} means "Nyquist of whatever the sample rate is" and is kept as given, not
 * replaced by {@code sampleRate / 2}, so that {@link #withSampleRate(int)} on the defaults still
 * means the full band; {@link #fMaxHz()} gives the resolved value.
 *
 * <p>{@code nFft} must be even: centred framing pads {@code nFft / 2} zeros on each side, and with
 * an even size that gives exactly {@code 1 + samples / hop} frames and a simple real-FFT layout.
 * A power of two is not required.
 */
public record LogMelConfig(int sampleRate, int nFft, int hopLength, int nMels, double fMin, double fMax, double topDb) {

    public LogMelConfig {
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
        if (nFft <= 0 || nFft % 2 != 0) throw new IllegalArgumentException("nFft must be a positive even number, got " + nFft);
        if (hopLength <= 0 || hopLength > nFft) {
            throw new IllegalArgumentException("hopLength must be in 1.." + nFft + " (nFft), got " + hopLength);
        }
        if (nMels <= 0) throw new IllegalArgumentException("nMels must be positive, got " + nMels);
        double nyquist = sampleRate / 2.0;
        if (!Double.isFinite(fMin) || fMin < 0) throw new IllegalArgumentException("fMin must be >= 0 Hz, got " + fMin);
        if (Double.isNaN(fMax) || Double.isInfinite(fMax)) throw new IllegalArgumentException("fMax must be finite (<= 0 means sampleRate / 2), got " + fMax);
        double resolved = fMax <= 0 ? nyquist : fMax;
        if (resolved > nyquist) {
            throw new IllegalArgumentException("fMax " + fMax + " Hz is above the Nyquist frequency " + nyquist + " Hz of sample rate " + sampleRate);
        }
        if (fMin >= resolved) throw new IllegalArgumentException("fMin " + fMin + " Hz must be below fMax " + resolved + " Hz");
        if (!(topDb > 0) || Double.isInfinite(topDb)) throw new IllegalArgumentException("topDb must be positive and finite, got " + topDb);
    }

    /** librosa defaults at 16 kHz: 1024 / 256, 128 mels, 0 Hz to Nyquist, 80 dB range. */
    public static LogMelConfig defaults() {
        return new LogMelConfig(16000, 1024, 256, 128, 0.0, 0.0, 80.0);
    }

    /** The paper's setting: 22.05 kHz, 1024 / 256, 80 mels, 0 Hz to Nyquist, 80 dB range. */
    public static LogMelConfig paper() {
        return new LogMelConfig(22050, 1024, 256, 80, 0.0, 0.0, 80.0);
    }

    public LogMelConfig withSampleRate(int sr) {
        return new LogMelConfig(sr, nFft, hopLength, nMels, fMin, fMax, topDb);
    }

    public LogMelConfig withMels(int n) {
        return new LogMelConfig(sampleRate, nFft, hopLength, n, fMin, fMax, topDb);
    }

    /** Upper edge of the mel filterbank in Hz ({@code fMax}, or Nyquist when {@code fMax <= 0}). */
    public double fMaxHz() {
        return fMax <= 0 ? sampleRate / 2.0 : fMax;
    }

    /** Number of FFT bins, {@code nFft / 2 + 1}. */
    public int bins() {
        return nFft / 2 + 1;
    }

    /** Frames of a centred STFT: the signal is padded with {@code nFft / 2} zeros on each side. */
    public int frames(int samples) {
        if (samples < 0) throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        return 1 + samples / hopLength;
    }

    /** The filterbank these settings describe (shared, cached). */
    public MelFilterbank filterbank() {
        return MelFilterbank.of(sampleRate, nFft, nMels, fMin, fMaxHz());
    }
}
