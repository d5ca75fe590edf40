package sep.models.deep;

import java.util.List;

/**
 * A finished training: the model with the parameters of the best validation epoch, every epoch's
 * figures (including those of earlier sessions when resumed), the best epoch (from 1) and its
 * validation UA, and the summed epoch time over all sessions.
 */
public record TrainResult(DeepModel model, List<EpochStats> history, int bestEpoch, double bestValidationUa, double trainSeconds) {
    public TrainResult {
        history = List.copyOf(history);
    }
}
