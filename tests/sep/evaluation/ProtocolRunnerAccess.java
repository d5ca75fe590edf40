package sep.evaluation;

import sep.data.Clip;
import sep.models.EmotionModel;

import java.util.List;

/** Lets tests in other packages compare with the protocol runner's own (package-private) evaluation. */
public final class ProtocolRunnerAccess {
    private ProtocolRunnerAccess() {}

    public static List<EvaluationReport.Prediction> predict(EmotionModel model, List<Clip> clips, ProtocolRunner.Config config,
                                                             DatasetInputs inputs) {
        return ProtocolRunner.predict(model, clips, config.labels(), inputs);
    }
}
