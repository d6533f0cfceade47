/**
 * The Align screen: choose a model and a device, set QTA's settings, run and resume alignment runs with live
 * training curves, review the preference pairs, and evaluate a completed run's rewriter.
 *
 * <ul>
 * <li>{@link org.qtastudio.app.align.AlignViewModel}: the settings ({@link org.qtastudio.app.align.AlignSettingsForm},
 *     checked by {@link org.qtastudio.align.AlignSettings} itself so the screen and the CLI refuse the same
 *     values), starting and resuming {@link org.qtastudio.align.QtaAligner} runs, the catalog's runs and the
 *     selected run's steps; its parts {@link org.qtastudio.app.align.ModelSource} (model folder or hub
 *     download, device, memory), {@link org.qtastudio.app.align.PairReview} (accept, reject, edit pairs) and
 *     {@link org.qtastudio.app.align.RunEvaluation} ("Evaluate on", through
 *     {@link org.qtastudio.align.AlignedRewriter} and {@link org.qtastudio.align.RewriteEvaluator}, exactly
 *     as {@code qta-studio rewrite --run} does).</li>
 * <li>{@link org.qtastudio.app.align.AlignView} binds them; {@link org.qtastudio.app.align.StepChart} draws
 *     the training curves.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Long work (a download, a run, an evaluation) goes through one slot, one at a time, with progress and
 *     cancel; a cancel does not interrupt the thread, and the slot says the work stopped only once the
 *     service has stopped, so what the screen shows is what is stored.</li>
 * <li>Training steps arrive on the training thread and are queued, then drained onto the FX thread in
 *     batches, so a fast run cannot flood the FX thread.</li>
 * <li>Pair reviews show at once and are stored in order on the workspace's write thread; a run starts only
 *     after the pending reviews are written.</li>
 * </ul>
 */
package org.qtastudio.app.align;
