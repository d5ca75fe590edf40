package sep.models;

import sep.features.LogMel;

/**
 * What a model may look at for one clip, computed on demand: the log-mel (deep models) or the utterance-level
 * acoustic features (classical models), both from the same preprocessed audio.
 */
public interface ClipInput {
    String id();

    LogMel logMel();

    float[] acoustic();
}
