package sep.data;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One train / validation / test partition. Validation is always carved from the training side: it chooses
 * checkpoints and hyperparameters; the test part is only scored.
 *
 * <p>The constructor refuses a partition where one recording (by content hash) sits on two sides, and, unless
 * {@code speakersMixed} (the paper's random split), one where a speaker does.
 */
public record Fold(String name, List<Clip> train, List<Clip> validation, List<Clip> test, boolean speakersMixed) {
    public Fold {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        if (train.isEmpty()) throw new IllegalArgumentException("fold " + name + " has no training clips");
        if (test.isEmpty()) throw new IllegalArgumentException("fold " + name + " has no test clips");
        checkDisjoint(name, "content", Clip::sha256, train, validation, test);
        if (!speakersMixed) checkDisjoint(name, "speaker", Clip::speakerKey, train, validation, test);
    }

    public Set<String> speakers(List<Clip> part) {
        Set<String> speakers = new java.util.TreeSet<>();
        for (Clip c : part) speakers.add(c.speakerKey());
        return speakers;
    }

    public Set<String> testSpeakers() {
        return speakers(test);
    }

    public Set<String> validationSpeakers() {
        return speakers(validation);
    }

    private static void checkDisjoint(String fold, String what, java.util.function.Function<Clip, String> key,
                                      List<Clip> train, List<Clip> validation, List<Clip> test) {
        Map<String, String> sideOf = new HashMap<>();
        String[] names = {"train", "validation", "test"};
        List<List<Clip>> parts = List.of(train, validation, test);
        for (int i = 0; i < parts.size(); i++) {
            Set<String> seenHere = new HashSet<>();
            for (Clip clip : parts.get(i)) {
                String k = key.apply(clip);
                if (k == null) throw new IllegalArgumentException("fold " + fold + ": clip " + clip.key() + " has no " + what + " key");
                if (!seenHere.add(k)) continue;
                String earlier = sideOf.putIfAbsent(k, names[i]);
                if (earlier != null) {
                    throw new IllegalStateException("fold " + fold + ": " + what + " " + k + " (clip " + clip.key()
                            + ") is in both " + earlier + " and " + names[i]);
                }
            }
        }
    }
}
