package sep.models.deep;

/** Told after every completed epoch, for progress and ETA printing by the caller. */
@FunctionalInterface
public interface TrainingObserver {
    /**
     * @param etaSeconds time the remaining epochs would take at this run's mean epoch time (early
     *                   stopping may end sooner)
     */
    void onEpoch(EpochStats s, int totalEpochs, double etaSeconds);

    TrainingObserver NONE = (s, total, eta) -> {};
}
