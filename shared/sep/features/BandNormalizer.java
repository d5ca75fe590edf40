package sep.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-mel-band z-score: {@code (dB - mean[band]) / std[band]}, with mean and (population) standard
 * deviation over all frames of all training clips.
 *
 * <p>Statistics must come from the training split only, or the test clips leak into the features.
 * They are saved next to the features ({@link #save}) because anything generated or reconstructed
 * in normalised units must be turned back into dB ({@link #invert}) with the very same numbers
 * before Griffin-Lim can make it audible. Accumulation is in double, merging per-clip means and
 * squared deviations (Chan et al.), so millions of frames of values around -50 dB lose no precision.
 * A band that never varies (e.g. always at the -80 dB floor) gets std 1e-6 instead of a division by 0.
 */
public final class BandNormalizer {

    /** Smallest standard deviation used: a constant band maps to 0 rather than to NaN or infinity. */
    public static final double STD_FLOOR = 1e-6;

    private final double[] mean;
    private final double[] std;
    private final long frames;

    private BandNormalizer(double[] mean, double[] std, long frames) {
        this.mean = mean;
        this.std = std;
        this.frames = frames;
    }

    /** Fits on training log-mels {@code [mel][frame]} in dB; all must have the same number of bands. */
    public static BandNormalizer fit(Iterable<float[][]> trainingMels) {
        if (trainingMels == null) throw new IllegalArgumentException("trainingMels must not be null");
        double[] mean = null;
        double[] m2 = null;
        long n = 0;
        int clipIndex = -1;
        for (float[][] clip : trainingMels) {
            clipIndex++;
            if (clip == null || clip.length == 0) throw new IllegalArgumentException("training clip " + clipIndex + " has no bands");
            if (mean == null) {
                mean = new double[clip.length];
                m2 = new double[clip.length];
            } else if (clip.length != mean.length) {
                throw new IllegalArgumentException("training clip " + clipIndex + " has " + clip.length
                        + " bands, earlier clips have " + mean.length);
            }
            if (clip[0] == null) throw new IllegalArgumentException("training clip " + clipIndex + " band 0 is null");
            int nb = clip[0].length;
            if (nb == 0) continue; // contributes nothing
            for (int m = 0; m < clip.length; m++) {
                float[] row = clip[m];
                if (row == null || row.length != nb) {
                    throw new IllegalArgumentException("training clip " + clipIndex + " is ragged at band " + m);
                }
                double sum = 0;
                for (int t = 0; t < nb; t++) {
                    if (!Float.isFinite(row[t])) {
                        throw new IllegalArgumentException("training clip " + clipIndex + " band " + m + " frame " + t + " is " + row[t]);
                    }
                    sum += row[t];
                }
                double clipMean = sum / nb;
                double clipM2 = 0;
                for (int t = 0; t < nb; t++) {
                    double d = row[t] - clipMean;
                    clipM2 += d * d;
                }
                double delta = clipMean - mean[m];
                double total = (double) n + nb;
                mean[m] += delta * nb / total;
                m2[m] += clipM2 + delta * delta * ((double) n * nb / total);
            }
            n += nb;
        }
        if (mean == null || n == 0) throw new IllegalArgumentException("no training frames to fit the band statistics on");
        double[] std = new double[mean.length];
        for (int m = 0; m < std.length; m++) std[m] = Math.max(STD_FLOOR, Math.sqrt(m2[m] / n));
        return new BandNormalizer(mean, std, n);
    }

    /** {@code (db - mean) / std} per band; a new array. */
    public float[][] apply(float[][] db) {
        check(db, "db");
        float[][] out = new float[db.length][];
        for (int m = 0; m < db.length; m++) {
            float[] row = db[m];
            float[] o = out[m] = new float[row.length];
            double mu = mean[m], inv = 1.0 / std[m];
            for (int t = 0; t < row.length; t++) o[t] = (float) ((row[t] - mu) * inv);
        }
        return out;
    }

    /** {@code z * std + mean} per band: back to dB; a new array. */
    public float[][] invert(float[][] z) {
        check(z, "z");
        float[][] out = new float[z.length][];
        for (int m = 0; m < z.length; m++) {
            float[] row = z[m];
            float[] o = out[m] = new float[row.length];
            double mu = mean[m], sd = std[m];
            for (int t = 0; t < row.length; t++) o[t] = (float) (row[t] * sd + mu);
        }
        return out;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    /** Number of training frames the statistics come from. */
    public long frameCount() {
        return frames;
    }

    public int bands() {
        return mean.length;
    }

    /** Writes {@code {"mean":[...],"std":[...],"frames":N}}; doubles are written so that they read back exactly. */
    public void save(Path jsonFile) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode mu = root.putArray("mean");
        for (double v : mean) mu.add(v);
        ArrayNode sd = root.putArray("std");
        for (double v : std) sd.add(v);
        root.put("frames", frames);
        Path parent = jsonFile.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        json.writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), root);
    }

    /** Reads what {@link #save} wrote; a file that is not such an object is an {@link IOException} naming it. */
    public static BandNormalizer load(Path jsonFile) throws IOException {
        JsonNode root = new ObjectMapper().readTree(jsonFile.toFile());
        if (root == null || !root.isObject()) throw new IOException(jsonFile + ": not a JSON object");
        double[] mean = numbers(root, "mean", jsonFile);
        double[] std = numbers(root, "std", jsonFile);
        JsonNode framesNode = root.get("frames");
        if (framesNode == null || !framesNode.canConvertToLong() || !framesNode.isIntegralNumber() || framesNode.asLong() < 1) {
            throw new IOException(jsonFile + ": \"frames\" must be a positive integer");
        }
        if (mean.length == 0 || mean.length != std.length) {
            throw new IOException(jsonFile + ": \"mean\" and \"std\" must be non-empty and of equal length, got "
                    + mean.length + " and " + std.length);
        }
        for (int m = 0; m < std.length; m++) {
            if (!(std[m] > 0)) throw new IOException(jsonFile + ": std[" + m + "] must be positive, got " + std[m]);
        }
        return new BandNormalizer(mean, std, framesNode.asLong());
    }

    private static double[] numbers(JsonNode root, String field, Path file) throws IOException {
        JsonNode a = root.get(field);
        if (a == null || !a.isArray()) throw new IOException(file + ": \"" + field + "\" must be an array of numbers");
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new IOException(file + ": " + field + "[" + i + "] is not a finite number");
            }
            out[i] = v.asDouble();
        }
        return out;
    }

    private void check(float[][] a, String name) {
        if (a == null) throw new IllegalArgumentException(name + " must not be null");
        if (a.length != mean.length) {
            throw new IllegalArgumentException(name + " has " + a.length + " bands, the normaliser was fitted on " + mean.length);
        }
        for (int m = 0; m < a.length; m++) if (a[m] == null) throw new IllegalArgumentException(name + " band " + m + " is null");
    }
}
