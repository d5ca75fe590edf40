package sep.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The canonical emotion names: the same words in every corpus, file, model and API. */
public enum Emotion {
    NEUTRAL, CALM, HAPPINESS, SADNESS, ANGER, FEAR, DISGUST, SURPRISE, BOREDOM;

    /** The label as written in files and outputs, e.g. {@code happiness}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a canonical label; an unknown word fails with the list of known ones. */
    public static Emotion fromLabel(String label) {
        if (label != null) {
            String wanted = label.trim().toLowerCase(Locale.ROOT);
            for (Emotion e : values()) {
                if (e.label().equals(wanted)) return e;
            }
        }
        throw new IllegalArgumentException("unknown emotion label '" + label + "'; known labels: "
                + Arrays.stream(values()).map(Emotion::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label();
    }
}
