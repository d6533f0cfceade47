/**
 * The Experiments screen: the QTA paper's questions (how many annotated queries, which catalog to train on, which
 * model, which setting) asked of the user's own catalogs as stored, resumable grids of alignment + rewrite-evaluation
 * cells ({@link org.qtastudio.experiment}), defined, run and read without a terminal.
 *
 * <ul>
 * <li>{@link org.qtastudio.app.experiments.ExperimentsViewModel}: the workspace's experiments, the selected one's cells
 *     (read again as they run) and its numbers per grid point ({@link org.qtastudio.experiment.ExperimentResults}); Run,
 *     Resume and Cancel through one {@link org.qtastudio.app.WorkSlot} driving
 *     {@link org.qtastudio.experiment.ExperimentRunner} exactly as {@code qta-studio experiment run|resume} does, with
 *     the time left ({@link org.qtastudio.experiment.WallTimeEstimate}) after each cell; opening a done cell's rewrite
 *     evaluation in Results.</li>
 * <li>{@link org.qtastudio.app.experiments.GridForm}: the new-experiment form. Only what varies is typed here; the
 *     QTA settings, frozen retriever, model folder, device and number format are the Align screen's
 *     ({@link org.qtastudio.app.align.AlignViewModel}), so the two screens never hold two versions of them. The grid is
 *     planned and its wall time estimated off the FX thread before anything is stored.</li>
 * <li>{@link org.qtastudio.app.experiments.ExperimentsView} binds them;
 *     {@link org.qtastudio.app.experiments.PointChart} draws a metric against the grid points with 95% intervals,
 *     {@link org.qtastudio.app.experiments.TransferMatrix} a transfer experiment's train × test gains.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>The FX thread never reads the workspace nor builds a spec (its values are checked through JSON): planning,
 *     creating, reading cells, computing intervals and estimates all run in tasks, and only the newest read counts.</li>
 * <li>A cancel stops the queue at the next step of the running cell, which is stored as cancelled; Resume never runs a
 *     done cell again and continues a started alignment from its last checkpoint (the runner's guarantees, shown as
 *     they are stored).</li>
 * </ul>
 */
package org.qtastudio.app.experiments;
