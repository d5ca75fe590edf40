package sep.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Evaluation protocols, by the ids used on the command line and in the leaderboard. */
public enum Protocol {
    /** One speaker-disjoint train / validation / test split: quick runs. */
    SPLIT("split"),
    /** Leave one speaker out (EmoDB: 10 folds). */
    LOSO("loso"),
    /** Speaker-grouped folds (RAVDESS: six folds of four consecutive actors). */
    GROUPED_FOLDS("grouped-folds"),
    /** Train on one corpus, test on the other, shared six emotions. */
    CROSS_CORPUS("cross-corpus"),
    /** The paper's protocol: random stratified 80/20, speakers mixed, several seeds. */
    RANDOM_80_20("random-80-20");

    private final String id;

    Protocol(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Protocol fromId(String id) {
        for (Protocol p : values()) {
            if (p.id.equals(id)) return p;
        }
        throw new IllegalArgumentException("unknown protocol '" + id + "'; use one of "
                + Arrays.stream(values()).map(Protocol::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
