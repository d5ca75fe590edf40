package sep.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The clips of one corpus (or of both, for joint training), read from the official file names.
 *
 * <p>Layout under the data folder: {@code emodb/wav/*.wav}; {@code ravdess/Actor_XX/*.flac} (16 kHz) or
 * {@code *.wav} (the 48 kHz originals of the official archive). Files are hashed on load because two RAVDESS
 * files are byte-identical and must stay on one side of every split.
 */
public record Corpus(String dataset, Path dataDir, List<Clip> clips) {
    public static final String EMODB = "emodb";
    public static final String RAVDESS = "ravdess";
    public static final String JOINT = "emodb+ravdess";
    public static final int EMODB_FILES = 535;
    public static final int RAVDESS_FILES = 1440;

    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "flac", "aif", "aiff", "aifc");

    public Corpus {
        clips = List.copyOf(clips);
    }

    /** Loads {@code emodb}, {@code ravdess} or {@code emodb+ravdess} from the configured data folder. */
    public static Corpus load(String dataset) {
        return load(dataset, DataLocation.dataDir(), true);
    }

    /**
     * Loads a dataset from {@code dataDir}. With {@code requireComplete}, a corpus with fewer files than the
     * official release fails with a message that says what is missing and how to get it.
     */
    public static Corpus load(String dataset, Path dataDir, boolean requireComplete) {
        List<Clip> clips = switch (dataset) {
            case EMODB -> readEmoDb(dataDir, requireComplete);
            case RAVDESS -> readRavdess(dataDir, requireComplete);
            case JOINT -> {
                List<Clip> both = new ArrayList<>(readEmoDb(dataDir, requireComplete));
                both.addAll(readRavdess(dataDir, requireComplete));
                yield both;
            }
            default -> throw new IllegalArgumentException("unknown dataset '" + dataset + "'; use " + EMODB + ", "
                    + RAVDESS + " or " + JOINT);
        };
        return new Corpus(dataset, dataDir, hashAll(clips));
    }

    /** The datasets a dataset id stands for ({@code emodb+ravdess} is both). */
    public static List<String> parts(String dataset) {
        return JOINT.equals(dataset) ? List.of(EMODB, RAVDESS) : List.of(dataset);
    }

    public int size() {
        return clips.size();
    }

    /** Clip counts per emotion, in enum order. */
    public Map<Emotion, Long> countsByEmotion() {
        return clips.stream().collect(Collectors.groupingBy(Clip::emotion, () -> new java.util.EnumMap<>(Emotion.class),
                Collectors.counting()));
    }

    public List<String> speakers() {
        return clips.stream().map(Clip::speakerKey).distinct().sorted().toList();
    }

    /** A stable digest of the corpus content (ids and file hashes), recorded in run manifests. */
    public String contentDigest() {
        MessageDigest digest = DatasetVerifier.newSha256();
        clips.stream().sorted(Comparator.comparing(Clip::key))
                .forEach(c -> digest.update((c.key() + "=" + c.sha256() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Clip> readEmoDb(Path dataDir, boolean requireComplete) {
        Path folder = dataDir.resolve("emodb/wav");
        List<Path> files = audioFiles(folder, EMODB, 1);
        List<Clip> clips = files.stream().map(FileNameParser::emodb).toList();
        checkComplete(EMODB, folder, clips.size(), EMODB_FILES, requireComplete);
        return clips;
    }

    private static List<Clip> readRavdess(Path dataDir, boolean requireComplete) {
        Path folder = dataDir.resolve("ravdess");
        List<Path> files = audioFiles(folder, RAVDESS, 2);
        Map<String, Path> byId = new LinkedHashMap<>();
        for (Path file : files) {
            Path earlier = byId.put(FileNameParser.stem(file), file);
            if (earlier != null) {
                throw new CorpusFormatException("RAVDESS clip " + FileNameParser.stem(file) + " is there twice: " + earlier
                        + " and " + file + "; keep one format per clip in " + folder);
            }
        }
        List<Clip> clips = files.stream().map(FileNameParser::ravdess).toList();
        checkComplete(RAVDESS, folder, clips.size(), RAVDESS_FILES, requireComplete);
        return clips;
    }

    private static List<Path> audioFiles(Path folder, String dataset, int depth) {
        if (!Files.isDirectory(folder)) {
            throw new CorpusFormatException("the " + dataset + " folder " + folder + " does not exist. "
                    + howToGetData());
        }
        try (Stream<Path> walk = Files.walk(folder, depth)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> AUDIO_EXTENSIONS.contains(extension(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static void checkComplete(String dataset, Path folder, int found, int expected, boolean requireComplete) {
        if (found == 0 || (requireComplete && found < expected)) {
            throw new CorpusFormatException("found " + found + " of the " + expected + " " + dataset + " audio files in "
                    + folder + ". " + howToGetData());
        }
    }

    static String howToGetData() {
        return "Get the data with './jbang sep-data download' (needs internet), or point SEP_DATA_DIR at a folder holding "
                + "emodb/wav/*.wav and ravdess/Actor_XX/*.wav|flac; './jbang sep-data verify' checks it.";
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static List<Clip> hashAll(List<Clip> clips) {
        return clips.parallelStream().map(c -> c.withSha256(sha256Of(c.file()))).toList();
    }

    /** SHA-256 of a file, hex (the verifier's hashing, unchecked for use in streams). */
    public static String sha256Of(Path file) {
        try {
            return DatasetVerifier.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

}
