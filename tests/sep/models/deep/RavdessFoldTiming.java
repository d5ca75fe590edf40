package sep.models.deep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;
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
                    LabelledMel m = new LabelledMel(name, extractor.compute(flac16(f)).db(), label);
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

    static float[] flac16(Path file) throws IOException {
        List<float[]> blocks = new ArrayList<>();
        int[] total = {0};
        try (InputStream in = Files.newInputStream(file)) {
            FLACDecoder decoder = new FLACDecoder(in);
            decoder.addPCMProcessor(new PCMProcessor() {
                @Override
                public void processStreamInfo(StreamInfo info) {
                    if (info.getChannels() != 1 || info.getBitsPerSample() != 16) throw new IllegalStateException(file + ": 16-bit mono only");
                }

                @Override
                public void processPCM(ByteData pcm) {
                    byte[] d = pcm.getData();
                    int n = pcm.getLen() / 2;
                    float[] block = new float[n];
                    for (int i = 0; i < n; i++) block[i] = (short) ((d[2 * i] & 0xff) | (d[2 * i + 1] << 8)) / 32768f;
                    blocks.add(block);
                    total[0] += n;
                }
            });
            decoder.decode();
        }
        float[] out = new float[total[0]];
        int pos = 0;
        for (float[] b : blocks) {
            System.arraycopy(b, 0, out, pos, b.length);
            pos += b.length;
        }
        return out;
    }
}
