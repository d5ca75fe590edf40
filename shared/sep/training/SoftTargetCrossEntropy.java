package sep.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Cross-entropy of logits against a target matrix {@code [batch][class]} whose rows are one-hot rows
 * scaled by the example's class weight: {@code -sum(target * logSoftmax(logits)) / sum(target)}.
 *
 * <p>Dividing by the summed weights (as PyTorch's weighted {@code CrossEntropyLoss} does) keeps the
 * loss a weighted mean, comparable between batches of different class mix. Putting the weights into
 * the target keeps this one dense product, with no gather whose shape rules differ between engines.
 */
public final class SoftTargetCrossEntropy extends Loss {

    public SoftTargetCrossEntropy() {
        super("SoftTargetCrossEntropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray target = labels.singletonOrThrow();
        NDArray logp = logits.logSoftmax(1);
        return target.mul(logp).sum().neg().div(target.sum());
    }
}
