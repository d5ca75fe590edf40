package sep.cli;

import picocli.CommandLine.Option;
import sep.audio.PadOrCrop;
import sep.features.LogMelConfig;
import sep.features.PreprocessConfig;

/** The preprocessing options every script that reads audio shares (a picocli mixin). */
public final class PreprocessOptions {
    @Option(names = "--paper", description = "Use the paper's setting: 22,050 Hz, 80 mels, no trimming, clips padded to 10 s "
            + "(other preprocessing options are then ignored).")
    boolean paper;

    @Option(names = "--sample-rate", defaultValue = "16000", description = "Target sample rate in Hz (default: ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--mels", defaultValue = "128", description = "Number of mel bands (default: ${DEFAULT-VALUE}).")
    int mels;

    @Option(names = "--n-fft", defaultValue = "1024", description = "FFT size / window length in samples (default: ${DEFAULT-VALUE}).")
    int nFft;

    @Option(names = "--hop", defaultValue = "256", description = "Hop between frames in samples (default: ${DEFAULT-VALUE}).")
    int hop;

    @Option(names = "--trim-db", defaultValue = "60", description = "Trim leading/trailing silence quieter than this many dB "
            + "below the loudest frame; 0 disables (default: ${DEFAULT-VALUE}).")
    double trimDb;

    @Option(names = "--duration", defaultValue = "0", description = "Pad with silence or crop every clip to this many seconds; "
            + "0 keeps each clip's length (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--fit", defaultValue = "START", description = "Where padding goes and what cropping keeps: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).")
    PadOrCrop.Mode fit;

    /** The settings; values out of range are usage errors. */
    public PreprocessConfig toConfig() {
        if (paper) return PreprocessConfig.paper();
        return UsageException.fromOptions(() -> new PreprocessConfig(trimDb, duration, fit,
                new LogMelConfig(sampleRate, nFft, hop, mels, 0, 0, LogMelConfig.defaults().topDb())));
    }
}
