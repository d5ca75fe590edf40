package sep.audio;

/** The file formats {@link AudioDecoder} reads; decided from a file's first bytes, not its name. */
public enum AudioContainer {
    WAV,
    AIFF,
    AIFC,
    FLAC
}
