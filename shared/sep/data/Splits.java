package sep.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Train / validation / test partitions for every protocol. All choices come from a fixed seed; validation
 * speakers are always drawn from the training side, balanced by sex, per dataset.
 */
public final class Splits {
    private Splits() {}

    /** Share of a dataset's speakers held out for test (and again for validation) in the quick split. */
    static final double HELD_OUT_SHARE = 0.2;

    /**
     * One speaker-disjoint split: per dataset, 20% of the speakers (at least one, sex-balanced) for test and
     * as many for validation (EmoDB 2 + 2 of 10, RAVDESS 4 + 4 of 24).
     */
    public static Fold speakerSplit(List<Clip> clips, long seed) {
        Random random = new Random(seed);
        Set<String> test = new TreeSet<>();
        for (List<Clip> part : byDataset(clips).values()) {
            int count = heldOutCount(speakers(part).size());
            test.addAll(pickBalanced(part, count, Set.of(), random));
        }
        return withValidation("split", clips, c -> test.contains(c.speakerKey()), seed);
    }

    /** Leave one speaker out: one fold per speaker, validation speakers carved from the remaining ones. */
    public static List<Fold> leaveOneSpeakerOut(List<Clip> clips, long seed) {
        List<Fold> folds = new ArrayList<>();
        for (String speaker : speakers(clips)) {
            folds.add(withValidation("speaker-" + speaker.substring(speaker.indexOf(':') + 1), clips,
                    c -> c.speakerKey().equals(speaker), seed + folds.size()));
        }
        return folds;
    }

    /**
     * Speaker-grouped folds: each group of speaker ids (as in the file names) is one test fold. For RAVDESS the
     * convention is {@link #RAVDESS_GROUPS}: six folds of four consecutive actors, two male and two female each.
     */
    public static List<Fold> groupedFolds(List<Clip> clips, List<List<String>> groups, long seed) {
        List<Fold> folds = new ArrayList<>();
        for (List<String> group : groups) {
            Set<String> members = Set.copyOf(group);
            String name = "speakers-" + String.join("-", group);
            folds.add(withValidation(name, clips, c -> members.contains(c.speaker()), seed + folds.size()));
        }
        return folds;
    }

    public static final List<List<String>> RAVDESS_GROUPS = List.of(
            List.of("01", "02", "03", "04"), List.of("05", "06", "07", "08"), List.of("09", "10", "11", "12"),
            List.of("13", "14", "15", "16"), List.of("17", "18", "19", "20"), List.of("21", "22", "23", "24"));

    /** The reported speaker-independent folds of a dataset: LOSO for EmoDB, six actor groups for RAVDESS. */
    public static List<Fold> speakerFolds(String dataset, List<Clip> clips, long seed) {
        return Corpus.RAVDESS.equals(dataset) ? groupedFolds(clips, RAVDESS_GROUPS, seed) : leaveOneSpeakerOut(clips, seed);
    }

    /** Cross-corpus: train (and validate on held-out speakers of) one corpus, test on all of the other. */
    public static Fold crossCorpus(List<Clip> trainCorpus, List<Clip> testCorpus, long seed) {
        Random random = new Random(seed);
        Set<String> validation = pickBalanced(trainCorpus, heldOutCount(speakers(trainCorpus).size()), Set.of(), random);
        List<Clip> train = new ArrayList<>();
        List<Clip> val = new ArrayList<>();
        for (Clip c : trainCorpus) (validation.contains(c.speakerKey()) ? val : train).add(c);
        String name = trainCorpus.get(0).dataset() + "->" + testCorpus.get(0).dataset();
        return new Fold(name, train, val, testCorpus, false);
    }

    /**
     * The paper's protocol: a random split stratified by emotion, 20% test, speakers mixed; validation is 10% of
     * the training side, also stratified. Byte-identical recordings are kept together.
     */
    public static Fold randomStratified(List<Clip> clips, double testShare, long seed) {
        if (!(testShare > 0 && testShare < 1)) throw new IllegalArgumentException("test share must be in (0,1), got " + testShare);
        Random random = new Random(seed);
        List<Clip> rest = new ArrayList<>();
        List<Clip> test = new ArrayList<>();
        stratifiedTake(clips, testShare, random, test, rest);
        List<Clip> train = new ArrayList<>();
        List<Clip> validation = new ArrayList<>();
        stratifiedTake(rest, 0.1, random, validation, train);
        return new Fold("random-seed-" + seed, train, validation, test, true);
    }

    /** Splits clips into a share taken and the rest, per emotion, moving recordings with equal content together. */
    private static void stratifiedTake(List<Clip> clips, double share, Random random, List<Clip> taken, List<Clip> rest) {
        Map<Emotion, Map<String, List<Clip>>> groups = new TreeMap<>();
        for (Clip c : clips) {
            groups.computeIfAbsent(c.emotion(), e -> new LinkedHashMap<>()).computeIfAbsent(c.sha256(), h -> new ArrayList<>()).add(c);
        }
        for (Map<String, List<Clip>> byContent : groups.values()) {
            List<List<Clip>> units = new ArrayList<>(byContent.values());
            Collections.shuffle(units, random);
            long clipCount = units.stream().mapToLong(List::size).sum();
            long target = Math.round(clipCount * share);
            long moved = 0;
            for (List<Clip> unit : units) {
                if (moved < target) {
                    taken.addAll(unit);
                    moved += unit.size();
                } else {
                    rest.addAll(unit);
                }
            }
        }
        taken.sort(Comparator.comparing(Clip::key));
        rest.sort(Comparator.comparing(Clip::key));
    }

    private static Fold withValidation(String name, List<Clip> clips, Predicate<Clip> isTest, long seed) {
        List<Clip> test = new ArrayList<>();
        List<Clip> trainSide = new ArrayList<>();
        for (Clip c : clips) (isTest.test(c) ? test : trainSide).add(c);
        Random random = new Random(seed * 7919 + 17);
        Set<String> validation = new TreeSet<>();
        Map<String, List<Clip>> allByDataset = byDataset(clips);
        for (List<Clip> part : byDataset(trainSide).values()) {
            // As many validation speakers as the quick split would hold out of the whole dataset.
            int datasetSpeakers = speakers(allByDataset.get(part.get(0).dataset())).size();
            validation.addAll(pickBalanced(part, Math.min(heldOutCount(datasetSpeakers), speakers(part).size() - 1), Set.of(), random));
        }
        List<Clip> train = new ArrayList<>();
        List<Clip> val = new ArrayList<>();
        for (Clip c : trainSide) (validation.contains(c.speakerKey()) ? val : train).add(c);
        return new Fold(name, train, val, test, false);
    }

    /** 20% of the speakers, at least one, rounded down to an even number so both sexes are equally represented. */
    static int heldOutCount(int speakers) {
        int count = (int) Math.max(1, Math.round(speakers * HELD_OUT_SHARE));
        if (count % 2 == 1 && count > 1) count--;
        return Math.min(count, Math.max(1, speakers - 1));
    }

    /** Picks {@code count} speakers alternating male and female, each sex in a seeded random order. */
    static Set<String> pickBalanced(List<Clip> clips, int count, Set<String> exclude, Random random) {
        Map<Sex, List<String>> bySex = new TreeMap<>();
        for (Clip c : clips) {
            if (exclude.contains(c.speakerKey())) continue;
            List<String> list = bySex.computeIfAbsent(c.sex(), s -> new ArrayList<>());
            if (!list.contains(c.speakerKey())) list.add(c.speakerKey());
        }
        List<List<String>> pools = new ArrayList<>();
        for (List<String> pool : bySex.values()) {
            Collections.sort(pool);
            Collections.shuffle(pool, random);
            pools.add(pool);
        }
        // Start with a random sex so that odd counts do not always favour the same one.
        if (pools.size() > 1 && random.nextBoolean()) Collections.reverse(pools);
        Set<String> picked = new TreeSet<>();
        for (int round = 0; picked.size() < count; round++) {
            boolean progress = false;
            for (List<String> pool : pools) {
                if (picked.size() < count && round < pool.size()) {
                    picked.add(pool.get(round));
                    progress = true;
                }
            }
            if (!progress) break;
        }
        return picked;
    }

    static List<String> speakers(List<Clip> clips) {
        return clips.stream().map(Clip::speakerKey).distinct().sorted().toList();
    }

    static Map<String, List<Clip>> byDataset(List<Clip> clips) {
        return clips.stream().collect(Collectors.groupingBy(Clip::dataset, TreeMap::new, Collectors.toList()));
    }
}
