package sep.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PadOrCropTest {
    private static final float[] X = {1, 2, 3, 4, 5};

    @Test
    void pad() {
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 0, 0, 0}, PadOrCrop.fit(X, 8, PadOrCrop.Mode.START));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 0, 0}, PadOrCrop.fit(X, 8, PadOrCrop.Mode.CENTER));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 0}, PadOrCrop.fit(X, 7, PadOrCrop.Mode.CENTER));
        assertArrayEquals(new float[] {0, 0, 0}, PadOrCrop.fit(new float[0], 3, PadOrCrop.Mode.CENTER));
    }

    @Test
    void crop() {
        assertArrayEquals(new float[] {1, 2, 3}, PadOrCrop.fit(X, 3, PadOrCrop.Mode.START));
        assertArrayEquals(new float[] {2, 3, 4}, PadOrCrop.fit(X, 3, PadOrCrop.Mode.CENTER));
        assertArrayEquals(new float[] {2, 3}, PadOrCrop.fit(X, 2, PadOrCrop.Mode.CENTER)); // odd excess: one more cut at the end
        assertArrayEquals(new float[0], PadOrCrop.fit(X, 0, PadOrCrop.Mode.START));
    }

    @Test
    void sameLengthAndBadArguments() {
        assertSame(X, PadOrCrop.fit(X, 5, PadOrCrop.Mode.CENTER));
        assertThrows(IllegalArgumentException.class, () -> PadOrCrop.fit(X, -1, PadOrCrop.Mode.START));
        assertThrows(IllegalArgumentException.class, () -> PadOrCrop.fit(null, 3, PadOrCrop.Mode.START));
        assertThrows(IllegalArgumentException.class, () -> PadOrCrop.fit(X, 3, null));
    }
}
