package sep.evaluation;

import sep.models.ClipInput;

import sep.data.Clip;
import sep.data.Fold;
import sep.data.LabelSpace;
import sep.models.EmotionModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * How one family of models is trained on one fold. {@code sep-train} and {@code sep-classic} each provide one;
 * {@link ProtocolRunner} does everything else (folds, evaluation, reports, resuming), the same way for all.
 */
public interface Recipe {
    /** Model family, e.g. {@code cnn} or {@code svm}. */
    String kind();

    /**
     * The model's name in the leaderboard and the run folder: the kind, with a mark for a variant that is a different
     * claim (a classical model not refitted on the validation speakers is {@code svm-norefit}).
     */
    default String name() {
        return kind();
    }

    /** What the models read, for the leaderboard, e.g. {@code log-mel 128} or {@code acoustic v2 (913)}. */
    String inputs();

    /** The hyperparameters, written to the run manifest. */
    Object settings();

    /**
     * Trains on {@code data.train()}, choosing anything it chooses on {@code data.validation()} only, and returns
     * the model; may write curves and checkpoints into {@code foldDir} and resume from them. A recipe may refit its
     * final model on training and validation clips together once its choices are made; it then says so.
     */
    Trained train(TrainingData data, Path foldDir, boolean resume) throws IOException;

    /**
     * A trained model, the validation UA its choices were made on, whether the final model was refitted on the
     * validation clips too (then they are no longer held out and get no separate report), and the training time of
     * models it was built from without training them here (a fusion's sources), counted into the fold's train time.
     */
    record Trained(EmotionModel model, double selectionValidationUa, boolean refittedOnValidation, double upstreamTrainSeconds) {
        public Trained(EmotionModel model, double selectionValidationUa, boolean refittedOnValidation) {
            this(model, selectionValidationUa, refittedOnValidation, 0);
        }
    }


    /** True for settings that only test the machinery (e.g. a few batches per epoch): such runs never enter the leaderboard. */
    default boolean smokeTest() {
        return false;
    }

    /** The clips of one fold with their class indices, and their features. */
    record TrainingData(Fold fold, LabelSpace labels, List<Clip> train, List<Clip> validation,
                        Function<Clip, ClipInput> features, long seed) {
        public int label(Clip clip) {
            int index = labels.indexOf(clip.emotion());
            if (index < 0) throw new IllegalArgumentException(clip.key() + ": " + clip.emotion() + " is not in " + labels);
            return index;
        }
    }
}
