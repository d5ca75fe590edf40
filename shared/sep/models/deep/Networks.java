package sep.models.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The four networks, built from DJL's stock blocks (sequential, parallel for residual and
 * squeeze-excitation branches, lambda for parameter-free steps), so that no custom block needs its
 * own shape inference or initialisation.
 *
 * <p>Every network takes {@code (N, 1, mels, frames)} normalised log-mels and is split into
 * {@code features} (ending in the pooled embedding, the penultimate layer) and {@code head} (dropout
 * and the linear classifier), so that the embedding can be read without the classifier.
 */
final class Networks {
    private Networks() {}

    /** The whole network ({@code features} then {@code head}) and its two parts. */
    record Net(SequentialBlock full, SequentialBlock features, SequentialBlock head, int embeddingSize) {}

    static Net build(Architecture architecture, int width, double dropout, int classes, int mels) {
        SequentialBlock features = switch (architecture) {
            case ANN -> ann(width, dropout);
            case CNN -> cnn(width);
            case RESNET -> resnet(width);
            case EFFICIENTNET -> efficientNet(width);
        };
        int embedding = switch (architecture) {
            case ANN -> hiddenUnits(width);
            case CNN, RESNET -> 2 * 8 * width;
            case EFFICIENTNET -> 2 * 16 * width;
        };
        SequentialBlock head = new SequentialBlock()
                .add(Dropout.builder().optRate((float) dropout).build())
                .add(Linear.builder().setUnits(classes).build());
        SequentialBlock full = new SequentialBlock().add(features).add(head);
        return new Net(full, features, head, embedding);
    }

    static int hiddenUnits(int width) {
        return 16 * width;
    }

    // ---- ANN: statistics pooling + MLP -------------------------------------------------------------

    /**
     * Per band: mean, standard deviation and maximum over time, and the mean absolute frame-to-frame
     * change (how fast the band moves; the mean of the signed delta would only be (last - first) / T).
     * Then Linear-BN-ReLU-Dropout, Linear-BN-ReLU.
     */
    private static SequentialBlock ann(int width, double dropout) {
        int hidden = hiddenUnits(width);
        return new SequentialBlock()
                .add(LambdaBlock.singleton(Networks::bandStatistics, "bandStatistics"))
                .add(Linear.builder().setUnits(hidden).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate((float) dropout).build())
                .add(Linear.builder().setUnits(hidden).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    static NDArray bandStatistics(NDArray x) {
        NDArray y = x.squeeze(1);                                   // (N, F, T)
        NDArray mean = y.mean(new int[] {2});                       // (N, F)
        NDArray std = y.sub(mean.expandDims(2)).square().mean(new int[] {2}).add(1e-5f).sqrt();
        NDArray max = y.max(new int[] {2});
        NDArray delta = y.get(":, :, 1:").sub(y.get(":, :, :-1")).abs().mean(new int[] {2});
        return NDArrays.concat(new NDList(mean, std, max, delta), 1);  // (N, 4F)
    }

    // ---- CNN ----------------------------------------------------------------------------------------

    /**
     * Halves the mel axis (128 to 64 bands) by averaging neighbours before the first convolution: the
     * convolutions then cost half, and 64 mel bands still resolve formants and harmonics of speech.
     */
    private static Block melPool() {
        return Pool.avgPool2dBlock(new Shape(2, 1));
    }

    /** Four blocks of conv3x3-BN-ReLU and a 2x2 average pool, widths w, 2w, 4w, 8w, then global pooling. */
    private static SequentialBlock cnn(int w) {
        SequentialBlock s = new SequentialBlock().add(melPool());
        for (int c : new int[] {w, 2 * w, 4 * w, 8 * w}) {
            s.add(conv(c, 3, 1, 1, false)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
            s.add(Pool.avgPool2dBlock(new Shape(2, 2)));
        }
        return s.add(globalAvgMax());
    }

    // ---- ResNet-18 layout ---------------------------------------------------------------------------

    /**
     * ResNet-18: a stride-2 3x3 stem (a 7x7 stem is for 224-pixel photos) and a 3x3/2 max pool, then
     * four stages of two basic blocks, widths w, 2w, 4w, 8w, strides 1, 2, 2, 2, then global pooling.
     */
    private static SequentialBlock resnet(int w) {
        SequentialBlock s = new SequentialBlock().add(melPool())
                .add(conv(w, 3, 2, 1, false)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int in = w;
        int[] widths = {w, 2 * w, 4 * w, 8 * w};
        for (int stage = 0; stage < 4; stage++) {
            int out = widths[stage];
            s.add(basicBlock(in, out, stage == 0 ? 1 : 2));
            s.add(basicBlock(out, out, 1));
            in = out;
        }
        return s.add(globalAvgMax());
    }

    private static Block basicBlock(int in, int out, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(out, 3, stride, 1, false)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(out, 3, 1, 1, false)).add(BatchNorm.builder().build());
        Block shortcut = stride == 1 && in == out
                ? Blocks.identityBlock()
                : new SequentialBlock().add(conv(out, 1, stride, 1, false)).add(BatchNorm.builder().build());
        return new ParallelBlock(list -> new NDList(Activation.relu(
                list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow()))), List.of(main, shortcut));
    }

    // ---- EfficientNet-style -------------------------------------------------------------------------

    /**
     * EfficientNet-B0's recipe scaled down for a few hundred clips: stride-2 stem, MBConv stages
     * (expansion 1 then 4 instead of 6, one or two repeats instead of up to four, widths w, 1.5w,
     * 2.5w, 5w, 7w as B0's 16, 24, 40, 80, 112 at w = 16), a 1x1 head to 16w, global pooling.
     */
    private static SequentialBlock efficientNet(int w) {
        SequentialBlock s = new SequentialBlock().add(melPool())
                .add(conv(w, 3, 2, 1, false)).add(BatchNorm.builder().build()).add(silu());
        int[][] stages = { // expansion, channels (x w / 2), repeats, stride
                {1, 2, 1, 1}, {4, 3, 2, 2}, {4, 5, 2, 2}, {4, 10, 2, 2}, {4, 14, 1, 1}};
        int in = w;
        for (int[] st : stages) {
            int out = roundChannels(st[1] * w / 2.0);
            for (int r = 0; r < st[2]; r++) {
                s.add(mbConv(in, out, st[0], r == 0 ? st[3] : 1));
                in = out;
            }
        }
        return s.add(conv(16 * w, 1, 1, 1, false)).add(BatchNorm.builder().build()).add(silu()).add(globalAvgMax());
    }

    /** Nearest multiple of 8 (at least 8): vectorised kernels work in groups of 8 channels. */
    static int roundChannels(double c) {
        return Math.max(8, (int) Math.round(c / 8) * 8);
    }

    /** Expand 1x1, depthwise 3x3, squeeze-excitation, project 1x1; residual when shapes match. */
    private static Block mbConv(int in, int out, int expansion, int stride) {
        int mid = in * expansion;
        SequentialBlock main = new SequentialBlock();
        if (expansion != 1) main.add(conv(mid, 1, 1, 1, false)).add(BatchNorm.builder().build()).add(silu());
        main.add(conv(mid, 3, stride, mid, false)).add(BatchNorm.builder().build()).add(silu());
        main.add(squeezeExcitation(mid, Math.max(1, in / 4)));
        main.add(conv(out, 1, 1, 1, false)).add(BatchNorm.builder().build());
        if (stride != 1 || in != out) return main;
        return new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                List.of(main, Blocks.identityBlock()));
    }

    /** Channel gates from the globally pooled activations: x * sigmoid(W2 silu(W1 mean(x))). */
    private static Block squeezeExcitation(int channels, int reduced) {
        SequentialBlock gate = new SequentialBlock()
                .add(LambdaBlock.singleton(x -> spatial(x).mean(new int[] {2}, true).expandDims(3), "squeeze"))
                .add(conv(reduced, 1, 1, 1, true)).add(silu())
                .add(conv(channels, 1, 1, 1, true)).add(Activation.sigmoidBlock());
        return new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().mul(list.get(1).singletonOrThrow())),
                List.of(Blocks.identityBlock(), gate));
    }

    // ---- shared pieces ------------------------------------------------------------------------------

    private static Block conv(int filters, int kernel, int stride, int groups, boolean bias) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optGroups(groups)
                .optBias(bias)
                .setFilters(filters)
                .build();
    }

    private static Block silu() {
        return Activation.swishBlock(1f);
    }

    /**
     * Mean and maximum over frequency and time, concatenated: the mean summarises the whole window,
     * the maximum keeps short salient events that the mean would dilute.
     */
    private static Block globalAvgMax() {
        return LambdaBlock.singleton(x -> {
            NDArray flat = spatial(x);
            return NDArrays.concat(new NDList(flat.mean(new int[] {2}), flat.max(new int[] {2})), 1);
        }, "globalAvgMax");
    }

    /** (N, C, H, W) as (N, C, H*W): the PyTorch engine reduces over one axis at a time only. */
    private static NDArray spatial(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
    }
}
