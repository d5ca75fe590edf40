package sep.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BandNormalizerTest {

    /** Clips of different lengths; band m has mean about -20 - m and spread 1 + m/2, like dB bands do. */
    private static List<float[][]> clips(int bands, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[][]> out = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            int frames = 30 + 17 * c;
            float[][] a = new float[bands][frames];
            for (int m = 0; m < bands; m++) {
                for (int t = 0; t < frames; t++) a[m][t] = (float) (-20 - m + (1 + m / 2.0) * (r.nextDouble() * 2 - 1) + c);
            }
            out.add(a);
        }
        return out;
    }

    @Test
    void matchesDirectStatisticsAndStandardisesTheTrainingData() {
        List<float[][]> train = clips(8, 1);
        BandNormalizer norm = BandNormalizer.fit(train);
        long frames = train.stream().mapToLong(a -> a[0].length).sum();
        assertEquals(frames, norm.frameCount());
        for (int m = 0; m < 8; m++) {
            // two-pass reference over the concatenation of all clips
            double sum = 0;
            for (float[][] a : train) for (float v : a[m]) sum += v;
            double mu = sum / frames, ss = 0;
            for (float[][] a : train) for (float v : a[m]) ss += (v - mu) * (v - mu);
            assertEquals(mu, norm.mean()[m], 1e-9);
            assertEquals(Math.sqrt(ss / frames), norm.std()[m], 1e-9);

            double zs = 0, zss = 0;
            for (float[][] a : train) {
                for (float v : norm.apply(a)[m]) {
                    zs += v;
                    zss += (double) v * v;
                }
            }
            assertEquals(0.0, zs / frames, 1e-5, "band " + m + " mean");
            assertEquals(1.0, Math.sqrt(zss / frames), 1e-5, "band " + m + " std");
        }
    }

    @Test
    void invertUndoesApply() {
        BandNormalizer norm = BandNormalizer.fit(clips(16, 2));
        for (float[][] a : clips(16, 3)) { // unseen clips too
            float[][] back = norm.invert(norm.apply(a));
            for (int m = 0; m < a.length; m++) assertArrayEquals(a[m], back[m], 1e-4f);
        }
    }

    @Test
    void constantBandUsesTheStdFloor() {
        float[][] a = {{-80, -80, -80}, {-10, -20, -30}};
        BandNormalizer norm = BandNormalizer.fit(List.<float[][]>of(a));
        assertEquals(BandNormalizer.STD_FLOOR, norm.std()[0]);
        float[][] z = norm.apply(a);
        for (float v : z[0]) assertEquals(0f, v);
        assertArrayEquals(a[0], norm.invert(z)[0]);
    }

    @Test
    void realLogMelsOfTwoClips() throws IOException {
        LogMelExtractor ex = new LogMelExtractor(LogMelConfig.defaults());
        List<float[][]> train = List.of(ex.compute(ReferenceData.clip("03a01Fa")).db(), ex.compute(ReferenceData.clip("14a07Aa")).db());
        BandNormalizer norm = BandNormalizer.fit(train);
        assertEquals(119 + 129, norm.frameCount());
        assertEquals(128, norm.bands());
        for (float[][] a : train) {
            float[][] back = norm.invert(norm.apply(a));
            for (int m = 0; m < a.length; m++) assertArrayEquals(a[m], back[m], 1e-4f);
        }
    }

    @Test
    void saveLoadRoundTrip(@TempDir Path dir) throws IOException {
        BandNormalizer norm = BandNormalizer.fit(clips(8, 4));
        Path file = dir.resolve("stats/band-norm.json");
        norm.save(file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"mean\"") && text.contains("\"std\"") && text.contains("\"frames\""), text);
        BandNormalizer back = BandNormalizer.load(file);
        assertArrayEquals(norm.mean(), back.mean(), 0.0);
        assertArrayEquals(norm.std(), back.std(), 0.0);
        assertEquals(norm.frameCount(), back.frameCount());

        Files.writeString(file, "{\"mean\":[1,2],\"std\":[1],\"frames\":3}");
        assertThrows(IOException.class, () -> BandNormalizer.load(file));
        Files.writeString(file, "{\"mean\":[1],\"std\":[0],\"frames\":3}");
        assertThrows(IOException.class, () -> BandNormalizer.load(file));
        Files.writeString(file, "[1,2]");
        assertThrows(IOException.class, () -> BandNormalizer.load(file));
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> BandNormalizer.fit(List.of()));
        assertThrows(IllegalArgumentException.class, () -> BandNormalizer.fit(List.of(new float[2][3], new float[3][3])));
        assertThrows(IllegalArgumentException.class, () -> BandNormalizer.fit(List.<float[][]>of(new float[][] {{1, Float.NaN}})));
        assertThrows(IllegalArgumentException.class, () -> BandNormalizer.fit(List.<float[][]>of(new float[][] {{1, 2}, {3}})));
        BandNormalizer norm = BandNormalizer.fit(clips(8, 5));
        assertThrows(IllegalArgumentException.class, () -> norm.apply(new float[7][4]));
        assertThrows(IllegalArgumentException.class, () -> norm.invert(new float[9][4]));
    }
}
