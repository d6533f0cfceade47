/**
 * Memory as a budget: the peak memory of each phase of a QTA run (load, sampling, reference log-probs,
 * training, rewriting), estimated from the model's shape and the run's settings before any model work
 * starts, so that a run that cannot fit is refused or shrunk instead of dying after an hour.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.lm.plan.MemoryPlan}: per-phase estimates, in parts a person can read, for a
 *     {@link org.qtastudio.lm.model.ModelConfig} and a {@link org.qtastudio.lm.plan.Workload}.</li>
 * <li>{@link org.qtastudio.lm.plan.MemoryBudget}: what may be planned with (the host's available memory,
 *     a device's free memory, or a given limit).</li>
 * <li>{@link org.qtastudio.lm.plan.MemoryFit#find}: the settings that fit, changed in a fixed order and
 *     named as the command line names them.</li>
 * </ul>
 * {@code AlignMemory} in {@code org.qtastudio.align} runs this check before {@code align} and
 * {@code rewrite}; {@code qta-studio lm plan} prints it.
 *
 * <h2>Invariants</h2>
 * The formulas follow the techniques the engine uses (a scope per decoder layer, one prefill shared by
 * the samples, a prompt shared by chosen and rejected, logits in vocabulary chunks, activation
 * checkpointing); when the engine changes how it holds memory, the plan changes with it, and the
 * {@code qta-studio bench qta-shape} benchmark compares both.
 */
package org.qtastudio.lm.plan;
