package sep.models.deep;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.Random;
import sep.training.CheckpointableAdam;
import sep.training.SoftTargetCrossEntropy;

/**
 * Not a test: measures training steps/s (batch 32, 1 x mels x frames) and inference windows/s of
 * each architecture on this machine. Run with jemalloc preloaded, e.g.
 * {@code java -cp ... sep.models.deep.DeepBench [steps] [frames] [width, 0 = default] [architecture]}.
 */
public final class DeepBench {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 188;
        int widthArg = args.length > 2 ? Integer.parseInt(args[2]) : 0; // 0 = each architecture's default
        String only = args.length > 3 ? args[3] : null;
        int mels = 128, batch = 32, classes = 7;
        Random r = new Random(1);
        float[] x = new float[batch * mels * frames];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] t = new float[batch * classes];
        for (int j = 0; j < batch; j++) t[j * classes + r.nextInt(classes)] = 1f;
        for (Architecture a : Architecture.values()) {
            if (only != null && !a.id().equals(only)) continue;
            Engine.getInstance().setRandomSeed(1);
            int width = widthArg > 0 ? widthArg : DeepConfig.defaults(a).width();
            Networks.Net net = Networks.build(a, width, 0.3, classes, mels);
            try (Model model = Model.newInstance("bench")) {
                model.setBlock(net.full());
                CheckpointableAdam opt = new CheckpointableAdam(true, 1e-2, net.full().getParameters());
                try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(new SoftTargetCrossEntropy()).optOptimizer(opt).optDevices(new Device[] {Device.cpu()}))) {
                    Shape shape = new Shape(batch, 1, mels, frames);
                    trainer.initialize(shape);
                    long t0 = 0;
                    for (int s = 0; s < steps + 3; s++) {
                        if (s == 3) t0 = System.nanoTime();
                        try (NDManager sub = trainer.getManager().newSubManager()) {
                            NDArray xs = sub.create(x, shape);
                            NDArray ts = sub.create(t, new Shape(batch, classes));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
                                gc.backward(trainer.getLoss().evaluate(new NDList(ts), new NDList(logits)));
                            }
                            opt.beginStep(1e-3);
                            trainer.step();
                        }
                    }
                    double trainRate = steps / ((System.nanoTime() - t0) / 1e9);
                    // inference: 64 windows per forward, as DeepModel predicts
                    float[] xi = new float[64 * mels * frames];
                    System.arraycopy(x, 0, xi, 0, x.length);
                    long t1 = 0;
                    int inferBatches = Math.max(3, steps / 4);
                    for (int s = 0; s < inferBatches + 1; s++) {
                        if (s == 1) t1 = System.nanoTime();
                        try (NDManager sub = trainer.getManager().newSubManager()) {
                            NDArray xs = sub.create(xi, new Shape(64, 1, mels, frames));
                            net.full().forward(new ai.djl.training.ParameterStore(sub, false), new NDList(xs), false).singletonOrThrow().toFloatArray();
                        }
                    }
                    double inferRate = inferBatches * 64 / ((System.nanoTime() - t1) / 1e9);
                    System.out.printf("%-13s params %,9d  train %.2f steps/s (batch %d, %dx%d)  inference %.0f windows/s%n",
                            a.id(), DeepModel.parameterCount(net.full()), trainRate, batch, mels, frames, inferRate);
                }
            }
        }
    }
}
