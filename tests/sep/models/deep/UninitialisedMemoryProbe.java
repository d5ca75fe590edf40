package sep.models.deep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains every network for two steps and classifies, in a JVM whose native allocations start filled with NaN bytes
 * ({@code LD_PRELOAD} of tests/native/nanfill.c, see {@link UninitialisedMemoryTest}): a kernel that reads memory it
 * never wrote then turns NaN every time, instead of now and then. Prints one line per network, exits with the number
 * of networks whose loss or probabilities were not finite.
 *
 * <p>Arguments: {@code arch:width ...}, e.g. {@code cnn:24 resnet:16}; none means every network at its default width.
 * {@code conv N C_IN C_OUT SIZE} instead runs one 3x3 convolution of a batch of N C_IN x SIZE x SIZE inputs: the
 * smallest reproduction (on an AVX-512 CPU without the limit, {@code conv 2 24 16 8} gives NaN every time; with
 * {@code ONEDNN_MAX_CPU_ISA=AVX2}, {@code conv 4 20 16 8} still does, {@code conv 4 24 16 8} never).
 */
public final class UninitialisedMemoryProbe {
    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("conv")) {
            System.exit(singleConvolution(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4])));
        }
        List<DeepConfig> configs = new ArrayList<>();
        if (args.length == 0) {
            for (Architecture a : Architecture.values()) configs.add(quick(a, DeepConfig.defaults(a).width()));
        }
        for (String arg : args) {
            String[] p = arg.split(":");
            configs.add(quick(Architecture.fromId(p[0]), Integer.parseInt(p[1])));
        }
        List<LabelledMel> clips = syntheticClips(16, 7);
        List<String> labels = List.of("a", "b", "c", "d", "e", "f", "g");
        int failures = 0;
        for (DeepConfig c : configs) {
            String what = c.architecture().id() + " width " + c.width();
            Path dir = Files.createTempDirectory("sep-probe");
            try (DeepModel model = DeepTrainer.train(c, clips, clips, labels, dir, false, null).model()) {
                double[][] p = model.predictLogMel(clips.stream().map(LabelledMel::db).toList());
                long bad = java.util.Arrays.stream(p).flatMapToDouble(java.util.Arrays::stream).filter(v -> !Double.isFinite(v)).count();
                if (bad > 0) {
                    failures++;
                    System.out.println(what + ": NON-FINITE " + bad + " of " + p.length * p[0].length + " probabilities");
                } else {
                    System.out.println(what + ": finite");
                }
            } catch (IllegalStateException e) {
                failures++;
                System.out.println(what + ": NON-FINITE in training: " + e.getMessage());
            }
        }
        System.exit(failures);
    }

    /** One float32 3x3 convolution, padding 1, on normal random input and weights; 1 when its output is not finite. */
    static int singleConvolution(int batch, int inChannels, int outChannels, int size) {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(1);
            var x = m.randomNormal(new ai.djl.ndarray.types.Shape(batch, inChannels, size, size));
            var w = m.randomNormal(new ai.djl.ndarray.types.Shape(outChannels, inChannels, 3, 3));
            var one = new ai.djl.ndarray.types.Shape(1, 1);
            float[] y = ai.djl.nn.convolutional.Conv2d.conv2d(x, w, null, one, one, one, 1).singletonOrThrow().toFloatArray();
            boolean finite = DeepTrainer.allFinite(y);
            System.out.printf("conv batch %d, %d -> %d channels, %dx%d: %s (%s)%n", batch, inChannels, outChannels, size, size,
                    finite ? "finite" : "NON-FINITE", NativeKernels.describe());
            return finite ? 0 : 1;
        }
    }

    static DeepConfig quick(Architecture a, int width) {
        return DeepConfig.builder(a).width(width).cropFrames(96).epochs(1).batchSize(8).warmupEpochs(1).patience(0).maxBatches(2).build();
    }

    /** Log-mel-like values in [-80, 0] dB, 128 bands, 120 frames; the values do not matter, the shapes do. */
    static List<LabelledMel> syntheticClips(int n, int classes) {
        Random r = new Random(1);
        List<LabelledMel> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] db = new float[128][120];
            for (float[] band : db) for (int t = 0; t < band.length; t++) band[t] = -80f * r.nextFloat();
            out.add(new LabelledMel("clip" + i, db, i % classes));
        }
        return out;
    }
}
