package sep.features;

/** Audio with nothing to classify: digital silence, or nothing left above the trimming threshold. */
public class SilentAudioException extends IllegalArgumentException {
    public SilentAudioException(String message) {
        super(message);
    }
}
