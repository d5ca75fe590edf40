package sep.training;

/**
 * Learning rate per optimisation step: a linear warm-up from {@code base / warmupSteps} to
 * {@code base}, then either constant or a half cosine down to {@code base * finalFraction} at the
 * last step.
 *
 * <p>A pure function of the global step (not of an optimiser's internal counter), so that a run
 * resumed from a checkpoint continues on exactly the same curve.
 */
public record LearningRateSchedule(double base, long warmupSteps, long totalSteps, boolean cosine, double finalFraction) {

    public LearningRateSchedule {
        if (!(base > 0) || Double.isInfinite(base)) throw new IllegalArgumentException("base learning rate must be positive and finite, got " + base);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (totalSteps < 1) throw new IllegalArgumentException("totalSteps must be >= 1, got " + totalSteps);
        if (!(finalFraction >= 0 && finalFraction <= 1)) throw new IllegalArgumentException("finalFraction must be in [0, 1], got " + finalFraction);
    }

    /** Learning rate of step {@code step} (0-based). Steps past the end keep the final value. */
    public double at(long step) {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
        if (step < warmupSteps) return base * (step + 1) / warmupSteps;
        if (!cosine) return base;
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (step - warmupSteps) / (double) decaySteps);
        double low = base * finalFraction;
        return low + (base - low) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
