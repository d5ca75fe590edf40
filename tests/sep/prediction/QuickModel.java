package sep.prediction;

import sep.features.acoustic.AcousticFeatures;
import sep.data.Corpus;
import sep.data.Protocol;
import sep.evaluation.DatasetInputs;
import sep.evaluation.ProtocolRunner;
import sep.features.FeatureCache;
import sep.features.PreprocessConfig;
import sep.models.classic.ClassicConfig;
import sep.models.classic.ClassicKind;
import sep.runs.RunFolder;
import sep.training.ClassicRecipe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small trained model for the prediction and evaluation tests: an RBF SVM (one C, one gamma) on EmoDB's acoustic
 * features, trained once per test JVM on the quick speaker-disjoint split, so its test speakers were never seen.
 */
public final class QuickModel {
    private QuickModel() {}

    public static final ProtocolRunner.Config CONFIG = new ProtocolRunner.Config(Corpus.EMODB, "native", Protocol.SPLIT, List.of(12345L),
            PreprocessConfig.defaults(), 0);

    private static ProtocolRunner.Result result;
    private static Path runDir;
    private static DatasetInputs inputs;

    /** The protocol run folder (one fold, {@code split}). */
    public static synchronized Path run() {
        if (runDir == null) {
            try {
                Path root = Files.createTempDirectory("sep-quick-model");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
                RunFolder run = RunFolder.create(root, "classic", "quick-svm", CONFIG, 12345);
                result = ProtocolRunner.run(CONFIG, new ClassicRecipe(ClassicConfig.defaults(ClassicKind.SVM).withSvm(3, 0.785 / AcousticFeatures.size()), false), run,
                        inputs(), false, s -> {});
                runDir = run.dir();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return runDir;
    }

    public static synchronized ProtocolRunner.Result result() {
        run();
        return result;
    }

    /** The model folder of the split's one fold. */
    public static Path modelDir() {
        return run().resolve("folds/split/model");
    }

    public static synchronized DatasetInputs inputs() throws IOException {
        if (inputs == null) {
            inputs = new DatasetInputs(List.of(Corpus.EMODB), PreprocessConfig.defaults(), FeatureCache.standard(), false);
        }
        return inputs;
    }

    public static void delete(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
