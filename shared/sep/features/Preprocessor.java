package sep.features;

import sep.audio.Audio;
import sep.audio.AudioDecoder;
import sep.audio.PadOrCrop;
import sep.audio.Resampler;
import sep.audio.SilenceTrimmer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one preprocessing path: decode, downmix, resample, trim silence, pad or crop, log-mel. Thread-safe.
 * The CLI, the feature cache, the web UI and the notebook all go through this class.
 */
public final class Preprocessor {
    /** Peak below this (about -90 dBFS, under 16-bit dither) counts as digital silence. */
    static final float SILENCE_PEAK = 3e-5f;

    private final PreprocessConfig config;
    private final LogMelExtractor extractor;

    public Preprocessor(PreprocessConfig config) {
        this.config = config;
        this.extractor = new LogMelExtractor(config.logMel());
    }

    public PreprocessConfig config() {
        return config;
    }

    public LogMelExtractor extractor() {
        return extractor;
    }

    /** Reads a file (format by content) and returns its log-mel. */
    public LogMel process(Path file) throws IOException {
        Audio audio = AudioDecoder.readMono(file);
        try {
            return logMel(audio);
        } catch (SilentAudioException e) {
            throw new SilentAudioException(file + ": " + e.getMessage());
        }
    }

    public LogMel logMel(Audio audio) {
        return extractor.compute(prepare(audio).samples());
    }

    /** Resample, trim and fit an already decoded mono signal; fails on silence rather than inventing a label for it. */
    public Audio prepare(Audio audio) {
        Audio resampled = Resampler.resample(audio, config.sampleRate());
        if (peak(resampled.samples()) < SILENCE_PEAK) {
            throw new SilentAudioException("the audio is silent (peak below -90 dBFS)");
        }
        Audio trimmed = config.trims() ? SilenceTrimmer.trim(resampled, config.trimTopDb()) : resampled;
        if (trimmed.samples().length == 0) {
            throw new SilentAudioException("nothing is left after trimming silence at " + config.trimTopDb() + " dB");
        }
        int target = config.targetSamples();
        if (target <= 0) return trimmed;
        return new Audio(PadOrCrop.fit(trimmed.samples(), target, config.fitMode()), trimmed.sampleRate());
    }

    static float peak(float[] x) {
        float peak = 0;
        for (float v : x) peak = Math.max(peak, Math.abs(v));
        return peak;
    }
}
