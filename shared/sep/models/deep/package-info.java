/**
 * Deep emotion recognisers on log-mel input: {@link sep.models.deep.Architecture} ANN, CNN, ResNet and
 * EfficientNet-style networks, trained by {@link sep.models.deep.DeepTrainer} and used through
 * {@link sep.models.deep.DeepModel} (an {@link sep.models.EmotionModel}).
 *
 * <h2>Input</h2>
 * Raw dB log-mels {@code [mel][frame]} in [-80, 0], z-scored per band with training-set statistics
 * ("band", the default: on the validation speakers of the EmoDB split below it beat per-utterance
 * normalisation for the CNN, UA 0.84/0.85 against 0.84/0.78 over two seeds, and for the ANN,
 * 0.72/0.74 against 0.64/0.66) or per utterance. Training takes one random window of
 * {@code cropFrames} (188 = 3 s) per clip and epoch, with SpecAugment masks; prediction averages the
 * softmax of windows at half-window hops over the whole clip. Clips shorter than a window are padded
 * with the -80 dB floor before normalising.
 *
 * <h2>Networks</h2>
 * The convolutional networks first average neighbouring mel bands (128 to 64): half the cost, and on
 * the ResNet the full-resolution input validated the same (UA 0.74 against 0.73) at twice the time.
 *
 * <h2>EmoDB speaker-disjoint split, defaults, seed 12345</h2>
 * The fixed split of the measurement harness {@code tests/sep/models/deep/EmoDbSplitRun}: train 6 speakers (347
 * clips), validation 09 + 10 (81), test 03 + 08 (107). ({@code sep-train --protocol split} draws its own speakers:
 * test 12 + 13, validation 08 + 11; its figures are in the leaderboard.) The epoch is chosen on
 * validation UA; test figures are reported, never used for a choice. Times on 2 shared cores
 * (load average 2-6 from other jobs), jemalloc, {@code OMP_WAIT_POLICY=PASSIVE}.
 * <pre>
 *               val UA  test WA  test UA  best/run epochs  time   params
 *   ann          0.760   0.589    0.485       53 / 93      14 s   200 k
 *   cnn          0.830   0.701    0.605       42 / 60     236 s   221 k
 *   resnet       0.885   0.738    0.729       99 / 100    124 s   702 k
 *   efficientnet 0.680   0.664    0.553       30 / 60     229 s   244 k
 * </pre>
 * No model collapsed onto one class (every class is predicted on the test speakers).
 *
 * <p>Mixup ({@code --mixup}) is off: on {@code sep-train --protocol split} (validation speakers 08 + 11) it lowered
 * the ResNet's validation UA from 0.732 to 0.635 (alpha 0.2) and 0.606 (alpha 0.4).
 *
 * <h2>Speed on 2 cores</h2>
 * Training steps/s at batch 32 x 1 x 128 x 188 with the default widths, two runs at a load average
 * of about 5 from other jobs: ANN 51-141, CNN 3.1-4.0, ResNet 5.3-8.0, EfficientNet 2.0-2.8 (one
 * thread: 84, 3.2, 7.4, 2.8). Seconds per epoch and the longest run the defaults allow: EmoDB split
 * (347 training, 81 validation clips) ANN 0.1 s, CNN 3.9 s (3.9 min for 60 epochs), ResNet 1.2 s
 * (2 min), EfficientNet 3.8 s (3.8 min); a RAVDESS fold (960 / 240 clips) ANN 0.6 s (1.5 min), CNN
 * 12.1 s (12.1 min), ResNet 4.2 s (7 min), EfficientNet 13.5 s (13.5 min).
 *
 * <p>libtorch's OpenMP threads spin while they wait; when other processes share the two cores this
 * made 2-thread training up to 10x slower (ResNet 0.63 against 8 steps/s) and slower than one thread.
 * With {@code OMP_WAIT_POLICY=PASSIVE} in the environment two threads are the fastest again.
 * Launchers should set it together with jemalloc.
 *
 * <h2>Full protocols (wall time, one libtorch thread each, 3-4 jobs sharing the 2 cores)</h2>
 * ResNet: EmoDB leave-one-speaker-out 23 min, RAVDESS six folds 32 min (22 min with speaker normalisation); ANN 3 and
 * 4 min; CNN RAVDESS split 14 min. With five jobs on the two cores: CNN RAVDESS six folds 103 min, EfficientNet EmoDB
 * leave-one-speaker-out 58 min and RAVDESS 109 min, ResNet started from RAVDESS (EmoDB) 39 min. Alone with two threads: CNN RAVDESS six folds (speaker-normalised) 29 min. At the per-fold times measured above with two threads
 * (ResNet 7, CNN 12, EfficientNet 13.5 min per RAVDESS fold) every model's protocol fits the 90-minute budget.
 * Running two models side by side with one thread each ({@code THREADS=1 make -j2 ...}) nearly doubles throughput;
 * the launcher ({@code tools/jbang-launcher.sh}) lets one JBang build of a script finish before another starts: two at once left a jar
 * without its main class.
 *
 * <h2>Memory</h2>
 * Every step and validation batch runs in its own sub-manager, and batches reach libtorch through
 * one reused direct buffer ({@code DirectBuffer}); resident memory then stays flat (ResNet with a
 * 3 GB heap: 1049 MB at epoch 20, 1054 MB at epoch 40; it grew by about 27 MB per epoch before the
 * buffer was reused).
 *
 * <h2>NaN from libtorch's convolution kernels</h2>
 * Training and prediction gave NaN now and then on AVX-512 machines: at step 1 of training (before any update) or in
 * one validation pass out of several with identical training numbers. The cause is in libtorch 2.7.1's oneDNN, not in
 * this package: convolutions keep tensors in blocks of 16 channels (8 with AVX2) and read the padding of a partly filled
 * block, which nothing writes; NaN bit patterns left there by earlier allocations make the whole output NaN. Filling
 * every fresh native allocation with NaN bytes ({@code tests/native/nanfill.c}) makes it deterministic: a single
 * {@code Conv2d} with 20 or 24 input channels and a batch of 2 fails every time with AVX-512 kernels, one with 12 or 20
 * input channels also with AVX2 kernels, while 8, 16 and 32 channels never do; our own buffers were never read
 * uninitialised (with 8-channel blocks and channel counts that fill them, every network stays finite). The same root
 * cause (oneDNN assumes zero tail lanes in blocked layouts; a framework that reuses memory breaks that) was found and
 * fixed in OpenVINO's GPU plugin (openvinotoolkit/openvino pull requests 33967 and 36886); we found no report for
 * libtorch's CPU path. {@code UninitialisedMemoryProbe conv N C_IN C_OUT SIZE} is the one-convolution reproduction. Hence
 * {@link sep.models.deep.NativeKernels}: the launchers keep oneDNN to AVX2 kernels and {@link sep.models.deep.DeepConfig}
 * requires convolutional widths that are multiples of 8; {@code UninitialisedMemoryTest} fails without either.
 * A non-finite loss or output now says what was seen (input, output before or after updates) instead of advising a
 * lower learning rate. {@code sep-bench} records training and inference speed with and without the limit
 * ({@code deep_<network>_*_avx2_limit} / {@code _no_limit} in {@code results/bench.json}).
 */
package sep.models.deep;
