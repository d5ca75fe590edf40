package sep.models.deep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import sep.features.ReferenceData;
import sep.data.DataLocation;
import sep.features.LogMelConfig;
import sep.features.LogMelExtractor;

/**
 * Not a test: seconds per epoch on a RAVDESS-sized fold (actors 9-24 train, 960 clips; actors 5-8
 * validation, 240 clips), to check the time budget of the defaults. Trains a few epochs of each
 * named architecture; accuracy after so few epochs means nothing and is not reported.
 * {@code java -cp ... sep.models.deep.RavdessFoldTiming [epochs] [arch,...]}
 */
public final class RavdessFoldTiming {
    static final List<String> LABELS = List.of("neutral", "calm", "happiness", "sadness", "anger", "fear", "disgust", "surprise");

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> archs = args.length > 1 ? List.of(args[1].split(",")) : List.of("ann", "cnn", "resnet", "efficientnet");
        List<LabelledMel> train = new ArrayList<>(), val = new ArrayList<>();
        LogMelExtractor extractor = new LogMelExtractor(LogMelConfig.defaults());
        long t0 = System.nanoTime();
        for (int actor = 5; actor <= 24; actor++) {
            Path dir = DataLocation.dataDir().resolve(String.format("ravdess/Actor_%02d", actor));
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".flac")).sorted().toList()) {
                    String name = f.getFileName().toString();
                    int label = Integer.parseInt(name.split("-")[2]) - 1;
                    LabelledMel m = new LabelledMel(name, extractor.compute(ReferenceData.flac16(f)).db(), label);
                    (actor <= 8 ? val : train).add(m);
                }
            }
        }
        System.out.printf("train %d, validation %d clips (decoded in %.0f s)%n", train.size(), val.size(), (System.nanoTime() - t0) / 1e9);
        for (String id : archs) {
            Architecture a = Architecture.fromId(id);
            DeepConfig c = DeepConfig.defaults(a).toBuilder().epochs(epochs).warmupEpochs(1).build();
            List<Double> seconds = new ArrayList<>();
            DeepTrainer.train(c, train, val, LABELS, Files.createTempDirectory("ravdess-timing"), false,
                    (s, total, eta) -> seconds.add(s.seconds())).model().close();
            double mean = seconds.stream().skip(1).mapToDouble(Double::doubleValue).average().orElse(seconds.get(0));
            int defaultEpochs = DeepConfig.defaults(a).epochs();
            System.out.printf("RAVDESS-FOLD %s: %.1f s/epoch (epochs 2..%d; first %.1f s), %d default epochs -> %.1f min at most%n",
                    id, mean, epochs, seconds.get(0), defaultEpochs, mean * defaultEpochs / 60);
        }
    }
}
