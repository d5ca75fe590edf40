package sep.models.deep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import sep.features.LogMelConfig;
import sep.training.ClassificationMetrics;

/**
 * Not a test: the EmoDB speaker-disjoint split measurement. Test speakers 03 (m) and 08 (f),
 * validation speakers 09 (f) and 10 (m), the other six train. Trains each architecture named in the
 * arguments with its defaults (overridable as key=value), selects the epoch on validation UA, and
 * reports the test WA/UA of that model only as a figure: nothing here chooses anything on the test
 * speakers.
 *
 * <p>{@code java -cp ... sep.models.deep.EmoDbSplitRun out=/tmp/split arch=cnn,resnet normalisation=band}
 */
public final class EmoDbSplitRun {
    static final Set<String> TEST = Set.of("03", "08");
    static final Set<String> VALIDATION = Set.of("09", "10");

    public static void main(String[] args) throws IOException {
        List<String> archs = List.of("ann", "cnn", "resnet", "efficientnet");
        Path out = Path.of("/tmp/sep-split");
        List<String> overrides = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("arch=")) archs = List.of(a.substring(5).split(","));
            else if (a.startsWith("out=")) out = Path.of(a.substring(4));
            else overrides.add(a);
        }
        List<LabelledMel> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Path p : EmoDb.files()) {
            LabelledMel m = EmoDb.load(p);
            String s = EmoDb.speaker(p);
            (TEST.contains(s) ? test : VALIDATION.contains(s) ? val : train).add(m);
        }
        System.out.printf("clips: train %d, validation %d, test %d (log-mels in %.1f s)%n", train.size(), val.size(), test.size(), (System.nanoTime() - t0) / 1e9);
        for (String id : archs) {
            DeepConfig.Builder b = DeepConfig.builder(Architecture.fromId(id));
            for (String o : overrides) apply(b, o);
            DeepConfig config = b.build();
            System.out.println("== " + config);
            long start = System.nanoTime();
            TrainResult r = DeepTrainer.train(config, LogMelConfig.defaults(), train, val, EmoDb.LABELS, out.resolve(id), false,
                    (s, total, eta) -> System.out.printf("  %s epoch %3d/%d loss %.3f acc %.3f | val loss %.3f acc %.3f UA %.3f | lr %.2e %.1f s, eta %.0f s, rss %d MB (peak %d)%n",
                            id, s.epoch(), total, s.trainLoss(), s.trainAccuracy(), s.validationLoss(), s.validationAccuracy(), s.validationUa(),
                            s.learningRate(), s.seconds(), eta, rssMb("VmRSS:"), peakRssMb()));
            double wall = (System.nanoTime() - start) / 1e9;
            try (DeepModel model = r.model()) {
                int[] truth = test.stream().mapToInt(LabelledMel::label).toArray();
                int[] pred = ClassificationMetrics.argmax(model.predictLogMel(test.stream().map(LabelledMel::db).toList()));
                double wa = ClassificationMetrics.accuracy(truth, pred);
                double ua = ClassificationMetrics.unweightedAccuracy(truth, pred, EmoDb.LABELS.size());
                int[] vTruth = val.stream().mapToInt(LabelledMel::label).toArray();
                int[] vPred = ClassificationMetrics.argmax(model.predictLogMel(val.stream().map(LabelledMel::db).toList()));
                double vUa = ClassificationMetrics.unweightedAccuracy(vTruth, vPred, EmoDb.LABELS.size());
                long[] predCounts = new long[EmoDb.LABELS.size()];
                for (int p : pred) predCounts[p]++;
                String line = String.format("RESULT %s: best epoch %d of %d, val UA %.3f (reloaded %.3f), TEST WA %.3f UA %.3f, wall %.0f s (epochs %.0f s), params %d, peak RSS %d MB, test predictions per class %s | %s",
                        id, r.bestEpoch(), r.history().size(), r.bestValidationUa(), vUa, wa, ua, wall, r.trainSeconds(), model.parameterCount(),
                        peakRssMb(), java.util.Arrays.toString(predCounts), String.join(" ", overrides));
                System.out.println(line);
                Files.createDirectories(out);
                Files.writeString(out.resolve("results.txt"), line + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
        }
    }

    static void apply(DeepConfig.Builder b, String kv) {
        int eq = kv.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("expected key=value, got " + kv);
        String k = kv.substring(0, eq), v = kv.substring(eq + 1);
        switch (k) {
            case "cropFrames" -> b.cropFrames(Integer.parseInt(v));
            case "epochs" -> b.epochs(Integer.parseInt(v));
            case "batchSize" -> b.batchSize(Integer.parseInt(v));
            case "learningRate" -> b.learningRate(Double.parseDouble(v));
            case "weightDecay" -> b.weightDecay(Double.parseDouble(v));
            case "optimizer" -> b.optimizer(v);
            case "schedule" -> b.schedule(v);
            case "warmupEpochs" -> b.warmupEpochs(Integer.parseInt(v));
            case "patience" -> b.patience(Integer.parseInt(v));
            case "classWeights" -> b.classWeights(Boolean.parseBoolean(v));
            case "freqMasks" -> b.freqMasks(Integer.parseInt(v));
            case "freqMaskWidth" -> b.freqMaskWidth(Integer.parseInt(v));
            case "timeMasks" -> b.timeMasks(Integer.parseInt(v));
            case "timeMaskWidth" -> b.timeMaskWidth(Integer.parseInt(v));
            case "dropout" -> b.dropout(Double.parseDouble(v));
            case "width" -> b.width(Integer.parseInt(v));
            case "normalisation" -> b.normalisation(v);
            case "maxBatches" -> b.maxBatches(Integer.parseInt(v));
            case "seed" -> b.seed(Long.parseLong(v));
            default -> throw new IllegalArgumentException("unknown setting " + k);
        }
    }

    /** Peak resident set of this process (JVM heap and native libtorch memory), from /proc. */
    static long peakRssMb() {
        return rssMb("VmHWM:");
    }

    /** A memory line of /proc/self/status in MB (VmRSS: now, VmHWM: peak). */
    static long rssMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
