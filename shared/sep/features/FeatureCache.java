package sep.features;

import sep.data.Clip;
import sep.data.Corpus;
import sep.data.DataLocation;
import sep.util.Files2;
import sep.util.Json;
import sep.util.Progress;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Log-mels of a corpus, computed once per (dataset, preprocessing config) and re-used.
 *
 * <p>One file per dataset and config under {@code <cache>/features/<dataset>-<config hash>.bin}. Each entry
 * remembers the content hash of its source file, so a changed or added file is recomputed alone and a removed
 * one dropped; a changed config (or a new {@link #FORMAT_VERSION} of the algorithm) gives a new file.
 */
public final class FeatureCache {
    /** Bump when the feature algorithm changes in a way the config does not show. */
    static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x53455046; // "SEPF"

    private final Path cacheDir;

    public FeatureCache(Path cacheDir) {
        this.cacheDir = cacheDir.resolve("features");
    }

    public static FeatureCache standard() {
        return new FeatureCache(DataLocation.cacheDir());
    }

    /** What {@link #load} did: how many entries were re-used and computed, and where the cache lives. */
    public record Stats(int reused, int computed, int dropped, List<Path> files) {}

    /** The features of a corpus, in the corpus's clip order; {@code stats} (when not null) receives what was done. */
    public Map<String, LogMel> load(Corpus corpus, PreprocessConfig config, boolean showProgress, Stats[] stats) throws IOException {
        Map<String, LogMel> all = new LinkedHashMap<>();
        int reused = 0, computed = 0, dropped = 0;
        List<Path> files = new ArrayList<>();
        for (String dataset : Corpus.parts(corpus.dataset())) {
            List<Clip> clips = corpus.clips().stream().filter(c -> c.dataset().equals(dataset)).toList();
            Path file = fileFor(dataset, config);
            files.add(file);
            Map<String, Entry> cached = read(file, config);
            Map<String, Entry> result = new LinkedHashMap<>();
            List<Clip> missing = new ArrayList<>();
            for (Clip clip : clips) {
                Entry entry = cached.get(clip.key());
                if (entry != null && entry.sha256.equals(clip.sha256())) {
                    result.put(clip.key(), entry);
                } else {
                    missing.add(clip);
                    result.put(clip.key(), null);
                }
            }
            int kept = result.size() - missing.size();
            int gone = (int) cached.keySet().stream().filter(key -> !result.containsKey(key)).count();
            if (!missing.isEmpty()) {
                compute(missing, config, result, showProgress, dataset);
            }
            if (!missing.isEmpty() || gone > 0) write(file, config, result);
            reused += kept;
            computed += missing.size();
            dropped += gone;
            for (Map.Entry<String, Entry> e : result.entrySet()) all.put(e.getKey(), e.getValue().mel);
        }
        if (stats != null && stats.length > 0) stats[0] = new Stats(reused, computed, dropped, files);
        return all;
    }

    public Map<String, LogMel> load(Corpus corpus, PreprocessConfig config) throws IOException {
        return load(corpus, config, false, null);
    }

    public Path fileFor(String dataset, PreprocessConfig config) {
        return cacheDir.resolve(dataset + "-" + configHash(config).substring(0, 16) + ".bin");
    }

    static String configHash(PreprocessConfig config) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("v" + FORMAT_VERSION + Json.write(config)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(String sha256, LogMel mel) {}

    private static void compute(List<Clip> clips, PreprocessConfig config, Map<String, Entry> into, boolean showProgress,
                                String dataset) throws IOException {
        Preprocessor preprocessor = new Preprocessor(config);
        Map<String, Entry> done = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Progress progress = showProgress ? Progress.start("features " + dataset, clips.size(), "clips") : Progress.quiet()) {
            clips.parallelStream().forEach(clip -> {
                try {
                    done.put(clip.key(), new Entry(clip.sha256(), preprocessor.process(clip.file())));
                } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                    errors.add(e.getMessage());
                }
                progress.step(1);
            });
        }
        if (failures.get() > 0) {
            throw new IOException(failures.get() + " of " + clips.size() + " " + dataset + " files could not be processed; first: "
                    + errors.get(0));
        }
        for (Clip clip : clips) into.put(clip.key(), done.get(clip.key()));
    }

    private static Map<String, Entry> read(Path file, PreprocessConfig config) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION) return entries;
            if (!in.readUTF().equals(configHash(config))) return entries;
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                String sha = in.readUTF();
                double refPower = in.readDouble();
                int mels = in.readInt();
                int frames = in.readInt();
                float[][] db = new float[mels][frames];
                byte[] bytes = new byte[frames * 4];
                for (int m = 0; m < mels; m++) {
                    in.readFully(bytes);
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(db[m]);
                }
                entries.put(key, new Entry(sha, new LogMel(db, refPower, config.logMel())));
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (java.io.EOFException | IllegalArgumentException e) {
            // A damaged cache is not an error: it is rebuilt.
            return new HashMap<>();
        }
        return entries;
    }

    private static void write(Path file, PreprocessConfig config, Map<String, Entry> entries) throws IOException {
        Files2.writeAtomically(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(configHash(config));
            out.writeInt(entries.size());
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                LogMel mel = e.getValue().mel;
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue().sha256);
                out.writeDouble(mel.refPower());
                out.writeInt(mel.mels());
                out.writeInt(mel.frames());
                ByteBuffer buffer = ByteBuffer.allocate(mel.frames() * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float[] band : mel.db()) {
                    buffer.clear();
                    buffer.asFloatBuffer().put(band);
                    out.write(buffer.array(), 0, band.length * 4);
                }
            }
            out.flush();
        });
        Json.write(file.resolveSibling(file.getFileName().toString().replace(".bin", ".json")),
                Map.of("config", config, "entries", entries.size(), "format_version", FORMAT_VERSION));
    }
}
