package sep.models;

import sep.features.LogMel;
import sep.features.acoustic.AcousticFeatures;

/**
 * What a model may look at for one clip, computed on demand: the log-mel (deep models) or the utterance-level
 * acoustic features (classical models), both from the same preprocessed audio.
 */
public interface ClipInput {
    String id();

    LogMel logMel();

    /** The utterance-level acoustic features of one layout; a model asks for the layout it was trained on. */
    float[] acoustic(AcousticFeatures.Version version);

    /** {@link #acoustic(AcousticFeatures.Version)} of the default layout. */
    default float[] acoustic() {
        return acoustic(AcousticFeatures.DEFAULT_VERSION);
    }
}
