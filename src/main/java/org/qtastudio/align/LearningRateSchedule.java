package org.qtastudio.align;

/**
 * Linear warm-up to the peak rate, then cosine decay towards zero over the remaining optimizer steps, as
 * Hugging Face's {@code get_cosine_schedule_with_warmup} does.
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps) {

    public LearningRateSchedule {
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("bad schedule: " + warmupSteps + " warm-up steps of " + totalSteps);
        }
    }

    public static LearningRateSchedule of(double peak, double warmupRatio, int totalSteps) {
        return new LearningRateSchedule(peak, (int) Math.ceil(warmupRatio * totalSteps), totalSteps);
    }

    /** The rate of the 0-based optimizer step {@code step}. */
    public double at(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    }
}
