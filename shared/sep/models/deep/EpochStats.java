package sep.models.deep;

/**
 * What one epoch did. Training figures are over the random crops the epoch trained on (with
 * augmentation and dropout); validation figures are clip-level (sliding windows averaged). Epochs
 * count from 1; {@code learningRate} is that of the epoch's last step.
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double validationUa, double learningRate, double seconds) {}
