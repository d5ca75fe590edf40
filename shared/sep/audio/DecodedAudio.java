package sep.audio;

/**
 * Audio as stored in a file: every channel kept, samples scaled to [-1, 1] the way soundfile and
 * librosa scale them (integer PCM divided by 2^(bits-1)). Floating-point files are passed through
 * unchanged, so their samples may exceed [-1, 1] if the file does.
 *
 * @param channels      samples as {@code [channel][frame]}; all channels have the same length
 * @param sampleRate    frames per second
 * @param container     the file format it came from
 * @param bitsPerSample bits per stored sample (8, 16, 24, 32 or 64)
 * @param floatingPoint whether the file stored IEEE floats rather than integers
 */
public record DecodedAudio(float[][] channels, int sampleRate, AudioContainer container, int bitsPerSample,
                           boolean floatingPoint) {

    public DecodedAudio {
        if (channels == null || channels.length == 0) throw new IllegalArgumentException("at least one channel is required");
        for (float[] c : channels) {
            if (c == null) throw new IllegalArgumentException("channel arrays must not be null");
            if (c.length != channels[0].length) {
                throw new IllegalArgumentException("channels differ in length: " + c.length + " vs " + channels[0].length);
            }
        }
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        if (container == null) throw new IllegalArgumentException("container must not be null");
    }

    public int frames() {
        return channels[0].length;
    }

    public int channelCount() {
        return channels.length;
    }

    /**
     * The average of all channels (what the RAVDESS conversion and librosa's to_mono do). A mono file
     * returns its one channel array itself rather than a copy, since decoding already made it fresh.
     */
    public Audio toMono() {
        if (channels.length == 1) return new Audio(channels[0], sampleRate);
        int n = frames();
        float[] mono = new float[n];
        if (channels.length == 2) {
            float[] l = channels[0], r = channels[1];
            // (l + r) * 0.5 in float is exact for identical channels, so a "stereo" file holding two
            // copies of one signal downmixes to exactly that signal.
            for (int i = 0; i < n; i++) mono[i] = (l[i] + r[i]) * 0.5f;
        } else {
            double inv = 1.0 / channels.length;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (float[] c : channels) sum += c[i];
                mono[i] = (float) (sum * inv);
            }
        }
        return new Audio(mono, sampleRate);
    }
}
