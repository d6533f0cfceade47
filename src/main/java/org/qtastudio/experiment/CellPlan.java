package org.qtastudio.experiment;

import org.qtastudio.align.QtaAligner;
import org.qtastudio.align.RewriteEvaluator;

/**
 * One job of an experiment's queue: an alignment (or none, for the base model) and the rewrite evaluation of its
 * rewriter. Cells whose {@link #align} requests are equal share one alignment run (a transfer experiment tests one
 * rewriter on every catalog).
 *
 * @param point the grid point, e.g. {@code size=2}; cells of a point differ only by {@link #seed}
 * @param align what to align, or null: the base model rewrites without an adapter
 * @param evaluate what to evaluate; its adapter and alignment run are filled in once the alignment has completed
 */
public record CellPlan(String point, long seed, QtaAligner.Request align, RewriteEvaluator.Request evaluate) {
}
