/**
 * Experiments: the QTA paper's questions asked of the user's own catalog, each as one stored, resumable grid of
 * alignment + rewrite-evaluation jobs — how many annotated queries are enough (data efficiency), whether a
 * rewriter trained on one catalog helps another (transfer), which model is enough (backbones), and any other
 * alignment setting.
 *
 * <p>Entry points: {@link org.qtastudio.experiment.ExperimentSpec} says what varies;
 * {@link org.qtastudio.experiment.ExperimentPlan} expands it into cells; {@link org.qtastudio.experiment.ExperimentRunner}
 * works through the queue; {@link org.qtastudio.experiment.ExperimentResults} turns the stored per-query ranks into
 * means, {@link org.qtastudio.experiment.SeedQueryBootstrap} intervals and paired tests;
 * {@link org.qtastudio.experiment.WallTimeEstimate} says how long the unfinished cells will take.
 * The CLI face is {@code experiment create|run|resume|list|show|export}.
 *
 * <p>To vary a new alignment setting, add it to {@link org.qtastudio.experiment.SettingGrid}; a new kind of grid
 * is a new {@link org.qtastudio.experiment.ExperimentSpec.Kind} and its expansion in {@code ExperimentPlan}.
 *
 * <p>Invariants: every change of a cell is its own committed transaction in {@link org.qtastudio.experiment.ExperimentStore},
 * and a cell is marked done in the transaction that stores its numbers, so a kill or a cancel never reruns a
 * finished cell and a resume continues the interrupted cell's own alignment run. Every reported number is
 * recomputable from the cells' linked evaluation runs. Long work reports through {@link org.qtastudio.common.Progress}
 * and stops at the next step when cancelled. May use {@code align}, {@code eval}, {@code retrieval}, {@code lm},
 * {@code catalog}, {@code store} and {@code common}; used by {@code cli} and by {@code app} (the Experiments screen).
 */
package org.qtastudio.experiment;
