package sep.models.deep;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import sep.training.CheckpointableAdam;
import sep.training.SoftTargetCrossEntropy;

/**
 * Training steps/s (batch 32 of 1 x 128 x 188 log-mels) and inference windows/s of the networks at their default widths,
 * measured with and without the oneDNN kernel limit of {@link NativeKernels}. The limit is read by the native library
 * when it loads, so each setting is measured in a child JVM of its own (this class's {@link #main}).
 */
public final class NetworkBenchmark {
    private NetworkBenchmark() {}

    private static final int MELS = 128, FRAMES = 188, BATCH = 32, CLASSES = 7, INFERENCE_BATCH = 64, WARMUP_STEPS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One network's speed under one kernel setting. */
    public record Speed(String architecture, double trainStepsPerSecond, double inferenceWindowsPerSecond) {}

    /**
     * Both settings for each architecture, as bench figures: {@code deep_<arch>_train_steps_per_second_<setting>} and
     * {@code deep_<arch>_inference_windows_per_second_<setting>} with setting {@code avx2_limit} or {@code no_limit}.
     */
    public static Map<String, Object> withAndWithoutKernelLimit(List<Architecture> architectures, int steps, int threads)
            throws IOException, InterruptedException {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("deep_cpu_has_avx512", NativeKernels.cpuHasAvx512());
        for (boolean limit : new boolean[] {true, false}) {
            String setting = limit ? "avx2_limit" : "no_limit";
            for (Speed s : inChildJvm(architectures, steps, threads, limit)) {
                figures.put("deep_" + s.architecture() + "_train_steps_per_second_" + setting, round(s.trainStepsPerSecond()));
                figures.put("deep_" + s.architecture() + "_inference_windows_per_second_" + setting, round(s.inferenceWindowsPerSecond()));
            }
        }
        return figures;
    }

    private static List<Speed> inChildJvm(List<Architecture> architectures, int steps, int threads, boolean limit)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3g",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + threads, "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), NetworkBenchmark.class.getName(), Integer.toString(steps)));
        architectures.forEach(a -> command.add(a.id()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        for (String name : NativeKernels.ISA_VARIABLES) {
            if (limit) pb.environment().put(name, "AVX2");
            else pb.environment().remove(name);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("network benchmark (" + (limit ? "AVX2 limit" : "no limit") + ") failed: " + out);
        }
        List<Speed> speeds = new ArrayList<>();
        for (String line : out.lines().filter(l -> l.startsWith("{")).toList()) speeds.add(JSON.readValue(line, Speed.class));
        return speeds;
    }

    /** Child JVM: {@code steps architecture...}; prints one JSON {@link Speed} per line. */
    public static void main(String[] args) throws IOException {
        int steps = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) System.out.println(JSON.writeValueAsString(measure(Architecture.fromId(args[i]), steps)));
    }

    /** Times {@code steps} training steps after a warm-up, then inference batches as {@link DeepModel} runs them. */
    public static Speed measure(Architecture a, int steps) {
        Random r = new Random(1);
        float[] x = new float[INFERENCE_BATCH * MELS * FRAMES];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] t = new float[BATCH * CLASSES];
        for (int j = 0; j < BATCH; j++) t[j * CLASSES + r.nextInt(CLASSES)] = 1f;
        Engine.getInstance().setRandomSeed(1);
        Networks.Net net = Networks.build(a, DeepConfig.defaults(a).width(), 0.3, CLASSES, MELS);
        try (Model model = Model.newInstance("bench")) {
            model.setBlock(net.full());
            CheckpointableAdam opt = new CheckpointableAdam(true, 1e-2, net.full().getParameters());
            var config = new DefaultTrainingConfig(new SoftTargetCrossEntropy()).optOptimizer(opt).optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                Shape shape = new Shape(BATCH, 1, MELS, FRAMES);
                trainer.initialize(shape);
                long t0 = 0;
                for (int s = 0; s < steps + WARMUP_STEPS; s++) {
                    if (s == WARMUP_STEPS) t0 = System.nanoTime();
                    try (NDManager sub = trainer.getManager().newSubManager()) {
                        NDArray xs = sub.create(java.nio.FloatBuffer.wrap(x, 0, BATCH * MELS * FRAMES), shape);
                        NDArray ts = sub.create(t, new Shape(BATCH, CLASSES));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
                            gc.backward(trainer.getLoss().evaluate(new NDList(ts), new NDList(logits)));
                        }
                        opt.beginStep(1e-3);
                        trainer.step();
                    }
                }
                double trainRate = steps / ((System.nanoTime() - t0) / 1e9);
                int inferenceBatches = Math.max(3, steps / 4);
                long t1 = 0;
                for (int s = 0; s < inferenceBatches + 1; s++) {
                    if (s == 1) t1 = System.nanoTime();
                    try (NDManager sub = trainer.getManager().newSubManager()) {
                        NDArray xs = sub.create(x, new Shape(INFERENCE_BATCH, 1, MELS, FRAMES));
                        net.full().forward(new ParameterStore(sub, false), new NDList(xs), false).singletonOrThrow().toFloatArray();
                    }
                }
                double inferenceRate = inferenceBatches * INFERENCE_BATCH / ((System.nanoTime() - t1) / 1e9);
                return new Speed(a.id(), trainRate, inferenceRate);
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
