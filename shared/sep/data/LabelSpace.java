package sep.data;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An ordered list of classes a model predicts. The order fixes the column order of every output that has
 * one column per class (CONVENTIONS: the shared six in the paper's order).
 */
public record LabelSpace(String name, List<Emotion> classes) {
    public static final LabelSpace EMODB_NATIVE = new LabelSpace("native", List.of(
            Emotion.NEUTRAL, Emotion.BOREDOM, Emotion.HAPPINESS, Emotion.SADNESS, Emotion.ANGER, Emotion.FEAR, Emotion.DISGUST));
    public static final LabelSpace RAVDESS_NATIVE = new LabelSpace("native", List.of(
            Emotion.NEUTRAL, Emotion.CALM, Emotion.HAPPINESS, Emotion.SADNESS, Emotion.ANGER, Emotion.FEAR, Emotion.DISGUST,
            Emotion.SURPRISE));
    /** The paper's six shared emotions, in the paper's order (Neu, Hap, Sad, Ang, Fea, Dis). */
    public static final LabelSpace SHARED6 = new LabelSpace("shared6", List.of(
            Emotion.NEUTRAL, Emotion.HAPPINESS, Emotion.SADNESS, Emotion.ANGER, Emotion.FEAR, Emotion.DISGUST));
    /** Native space of the two corpora together: RAVDESS's eight plus boredom. */
    public static final LabelSpace UNION_NATIVE = new LabelSpace("native", List.of(
            Emotion.NEUTRAL, Emotion.CALM, Emotion.HAPPINESS, Emotion.SADNESS, Emotion.ANGER, Emotion.FEAR, Emotion.DISGUST,
            Emotion.SURPRISE, Emotion.BOREDOM));

    public LabelSpace {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("label space needs a name");
        if (classes == null || classes.size() < 2) throw new IllegalArgumentException("label space needs at least two classes");
        if (classes.stream().distinct().count() != classes.size()) {
            throw new IllegalArgumentException("label space " + name + " repeats a class: " + classes);
        }
        classes = List.copyOf(classes);
    }

    /** The label space called {@code name} ({@code native} or {@code shared6}) for a dataset id. */
    public static LabelSpace of(String dataset, String name) {
        if (SHARED6.name().equals(name)) return SHARED6;
        if (!"native".equals(name)) {
            throw new IllegalArgumentException("unknown label space '" + name + "'; use native or shared6");
        }
        return switch (dataset) {
            case Corpus.EMODB -> EMODB_NATIVE;
            case Corpus.RAVDESS -> RAVDESS_NATIVE;
            case Corpus.JOINT -> UNION_NATIVE;
            default -> throw new IllegalArgumentException("unknown dataset '" + dataset + "'; use " + Corpus.EMODB + ", "
                    + Corpus.RAVDESS + " or " + Corpus.JOINT);
        };
    }

    /** A label space from stored label names (as saved with a model). */
    public static LabelSpace fromLabels(String name, List<String> labels) {
        return new LabelSpace(name, labels.stream().map(Emotion::fromLabel).toList());
    }

    public int size() {
        return classes.size();
    }

    /** Class index of an emotion, or -1 when the emotion is outside this space (such clips are left out). */
    public int indexOf(Emotion emotion) {
        return classes.indexOf(emotion);
    }

    public boolean contains(Emotion emotion) {
        return classes.contains(emotion);
    }

    public Emotion get(int index) {
        return classes.get(index);
    }

    public List<String> labels() {
        return classes.stream().map(Emotion::label).toList();
    }

    /** Clips of this space, in their original order. */
    public List<Clip> select(List<Clip> clips) {
        List<Clip> kept = new ArrayList<>();
        for (Clip clip : clips) {
            if (contains(clip.emotion())) kept.add(clip);
        }
        return kept;
    }

    @Override
    public String toString() {
        return name + classes.stream().map(Emotion::label).collect(Collectors.joining(",", "[", "]"));
    }
}
