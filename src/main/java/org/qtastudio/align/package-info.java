/**
 * QTA, query-tool alignment (arXiv 2410.03212): a small causal LM learns to rewrite queries so that a
 * frozen retriever ranks their gold tools higher. Rewrite prompts, candidate sampling, ranking functions,
 * preference pairs, the DPO trainer, on-policy rounds, and evaluation with a trained rewriter. It may use
 * {@code eval}, {@code retrieval}, {@code lm}, {@code catalog}, {@code store} and {@code common}.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.align.QtaAligner}: the use case the Align screen and {@code qta-studio align} share:
 *     {@link org.qtastudio.align.CandidateSampler} samples rewrites, {@link org.qtastudio.align.PairBuilder}
 *     makes a best/worst {@link org.qtastudio.align.StoredPair}, {@link org.qtastudio.align.DpoTrainer}
 *     trains the LoRA adapter, round after round.</li>
 * <li>{@link org.qtastudio.align.RewriteEvaluator}: rewrites test queries and stores the original, the
 *     rewritten and the fused ranking as three evaluation runs, linked in
 *     {@link org.qtastudio.align.RewriteEvaluationStore}; {@link org.qtastudio.align.AlignedRewriter} builds
 *     its request from a completed run.</li>
 * <li>{@link org.qtastudio.align.AlignMemory}: the memory check before any model work, which refuses (or
 *     shrinks, when allowed) settings that do not fit.</li>
 * <li>{@link org.qtastudio.align.AlignSettings}, stored with each run; {@link org.qtastudio.align.AlignStore};
 *     {@link org.qtastudio.align.PairExport} for TRL-style JSONL.</li>
 * </ul>
 *
 * <h2>Adding a ranking function</h2>
 * Add a record to the sealed {@link org.qtastudio.align.RankingFunction} (a
 * {@link org.qtastudio.align.RankingFunction.Score} from the gold tools' ranks, higher is better, and an
 * {@code id()}), accept its id in {@code RankingFunction.parse}, and name it in the help of
 * {@code --ranking-function} and of the Align screen's settings form.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>An alignment run is stored as it happens (status, pairs per round, every step, a checkpoint per epoch),
 *     not in one transaction: a cancelled run is marked cancelled, a failed one keeps its error, and either,
 *     like a killed one, {@link org.qtastudio.align.QtaAligner#resume resumes} from its last
 *     checkpoint.</li>
 * <li>A rewrite evaluation rewrites everything before it stores anything, so a cancel stores no run.</li>
 * <li>Tensors: each DPO micro-batch runs in its own sub-manager of the model's {@code NDManager}, closed
 *     when the micro-batch ends; a {@link org.qtastudio.align.Rewriter} owns its model and tokenizer and
 *     closes them.</li>
 * </ul>
 */
package org.qtastudio.align;
