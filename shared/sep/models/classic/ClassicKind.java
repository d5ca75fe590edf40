package sep.models.classic;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The classic (non-neural) classifiers on utterance-level features, with their stable ids. */
public enum ClassicKind {
    /** Multinomial logistic regression: Tribuo's LinearSGDTrainer with LogMulticlass and AdaGrad. */
    LOGISTIC("logistic"),
    /** RBF-kernel C-SVC (LibSVM through Tribuo), C and gamma chosen on the validation set. */
    SVM("svm"),
    /** Gradient-boosted trees (XGBoost through Tribuo, multi:softprob). */
    XGBOOST("xgboost");

    private final String id;

    ClassicKind(String id) {
        this.id = id;
    }

    /** The id used in configs, file names and saved models ("logistic", "svm", "xgboost"). */
    public String id() {
        return id;
    }

    /** The kind with this id; an unknown id is an {@link IllegalArgumentException} listing the known ones. */
    public static ClassicKind fromId(String id) {
        for (ClassicKind k : values()) if (k.id.equals(id)) return k;
        throw new IllegalArgumentException("unknown classic model kind \"" + id + "\"; known: "
                + Arrays.stream(values()).map(ClassicKind::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
