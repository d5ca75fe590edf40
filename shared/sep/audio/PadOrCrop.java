package sep.audio;

import java.util.Arrays;

/** Brings a signal to a fixed number of samples, for models that need fixed-length input. */
public final class PadOrCrop {
    private PadOrCrop() {}

    public enum Mode {
        /** Keep the beginning: crop the end, or pad zeros at the end. */
        START,
        /** Keep the middle: crop both ends equally, or pad zeros equally on both sides (the odd sample goes to the end). */
        CENTER
    }

    /** Returns {@code x} itself when it already has {@code targetSamples} samples, otherwise a new array. */
    public static float[] fit(float[] x, int targetSamples, Mode mode) {
        if (x == null) throw new IllegalArgumentException("signal must not be null");
        if (mode == null) throw new IllegalArgumentException("mode must not be null");
        if (targetSamples < 0) throw new IllegalArgumentException("target length must not be negative, got " + targetSamples);
        int n = x.length;
        if (n == targetSamples) return x;
        int offset = mode == Mode.START ? 0 : Math.abs(n - targetSamples) / 2;
        if (n > targetSamples) return Arrays.copyOfRange(x, offset, offset + targetSamples);
        float[] out = new float[targetSamples];
        System.arraycopy(x, 0, out, offset, n);
        return out;
    }
}
