package sep.audio;

/**
 * A mono signal in [-1, 1] at a known sample rate: what every step after decoding works on.
 * The array is not copied: steps that change samples return a new {@code Audio}.
 */
public record Audio(float[] samples, int sampleRate) {
    public Audio {
        if (samples == null) throw new IllegalArgumentException("samples must not be null");
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    }

    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
