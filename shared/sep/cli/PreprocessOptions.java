package sep.cli;

import picocli.CommandLine.Option;
import sep.audio.PadOrCrop;
import sep.features.LogMelConfig;
import sep.features.PreprocessConfig;

/**
 * The preprocessing options every script that reads audio shares (a picocli mixin). Each option starts from
 * {@link PreprocessConfig#defaults()}, the one definition of SEP's front end, so {@code --help} shows exactly what the
 * library uses when nothing is given.
 */
public final class PreprocessOptions {
    private static final PreprocessConfig DEFAULTS = PreprocessConfig.defaults();

    @Option(names = "--paper", description = "Use the paper's setting: 22,050 Hz, 80 mels, no trimming, clips padded to 10 s "
            + "(other preprocessing options are then ignored).")
    boolean paper;

    @Option(names = "--sample-rate", description = "Target sample rate in Hz (default: ${DEFAULT-VALUE}).")
    int sampleRate = DEFAULTS.logMel().sampleRate();

    @Option(names = "--mels", description = "Number of mel bands (default: ${DEFAULT-VALUE}).")
    int mels = DEFAULTS.logMel().nMels();

    @Option(names = "--n-fft", description = "FFT size / window length in samples (default: ${DEFAULT-VALUE}).")
    int nFft = DEFAULTS.logMel().nFft();

    @Option(names = "--hop", description = "Hop between frames in samples (default: ${DEFAULT-VALUE}).")
    int hop = DEFAULTS.logMel().hopLength();

    @Option(names = "--trim-db", description = "Trim leading/trailing silence quieter than this many dB "
            + "below the loudest frame; 0 disables (default: ${DEFAULT-VALUE}).")
    double trimDb = DEFAULTS.trimTopDb();

    @Option(names = "--duration", description = "Pad with silence or crop every clip to this many seconds; "
            + "0 keeps each clip's length (default: ${DEFAULT-VALUE}).")
    double duration = DEFAULTS.durationSeconds();

    @Option(names = "--fit", description = "Where padding goes and what cropping keeps: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).")
    PadOrCrop.Mode fit = DEFAULTS.fitMode();

    /** The settings; values out of range are usage errors. */
    public PreprocessConfig toConfig() {
        if (paper) return PreprocessConfig.paper();
        LogMelConfig base = DEFAULTS.logMel();
        return UsageException.fromOptions(() -> new PreprocessConfig(trimDb, duration, fit,
                new LogMelConfig(sampleRate, nFft, hop, mels, base.fMin(), base.fMax(), base.topDb())));
    }
}
