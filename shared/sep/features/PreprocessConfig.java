package sep.features;

import sep.audio.PadOrCrop;

/**
 * Everything that turns a decoded file into the log-mel a model sees. One definition for the CLI, the web UI
 * and the notebook; its JSON form keys the feature cache, so changing any field recomputes the features.
 *
 * @param trimTopDb       silence trimming threshold in dB below the loudest frame ({@code <= 0}: no trimming)
 * @param durationSeconds pad with zeros or crop to this duration ({@code 0}: keep each clip's length)
 * @param fitMode         where padding goes / what cropping keeps
 */
public record PreprocessConfig(double trimTopDb, double durationSeconds, PadOrCrop.Mode fitMode, LogMelConfig logMel) {
    public PreprocessConfig {
        if (logMel == null) throw new IllegalArgumentException("log-mel config is required");
        if (fitMode == null) throw new IllegalArgumentException("pad/crop mode is required");
        if (durationSeconds < 0 || Double.isNaN(durationSeconds)) {
            throw new IllegalArgumentException("duration must be >= 0 seconds (0 keeps each clip's length), got " + durationSeconds);
        }
        if (Double.isNaN(trimTopDb)) throw new IllegalArgumentException("trim threshold must be a number");
    }

    /** SEP's default: 16 kHz, trim at 60 dB below the peak (librosa's default), natural length, 128 mels. */
    public static PreprocessConfig defaults() {
        return new PreprocessConfig(60, 0, PadOrCrop.Mode.START, LogMelConfig.defaults());
    }

    /** The paper's setting: 22,050 Hz, no trimming, every clip padded to 10 s, 80 mels. */
    public static PreprocessConfig paper() {
        return new PreprocessConfig(0, 10, PadOrCrop.Mode.START, LogMelConfig.paper());
    }

    public int sampleRate() {
        return logMel.sampleRate();
    }

    public boolean trims() {
        return trimTopDb > 0;
    }

    /** Target length in samples, or 0 to keep each clip's length. */
    public int targetSamples() {
        return (int) Math.round(durationSeconds * sampleRate());
    }
}
