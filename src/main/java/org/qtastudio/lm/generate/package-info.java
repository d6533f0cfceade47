/**
 * Continuing prompts with a {@link org.qtastudio.lm.model.CausalLm}: the decode loop DJL lacks for these
 * models.
 *
 * <h2>Entry points</h2>
 * {@link org.qtastudio.lm.generate.Generator#generate} left-pads the prompts into one batch, prefills each
 * once, repeats its KV cache for the samples asked for, and decodes a token per step until every row hits
 * an EOS id, a stop string or the token limit. {@link org.qtastudio.lm.generate.GenerationSettings} says
 * how (greedy, or temperature with top-k and top-p, seeded); each
 * {@link org.qtastudio.lm.generate.Generation} says why it ended.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>The same seed and the same batch give the same output; sampling is done on the Java side from one
 *     row of logits at a time.</li>
 * <li>A generation's arrays and its KV cache live in a sub-manager of the model's manager, closed when
 *     {@code generate} returns; each step's arrays in a sub-manager of that, closed after the step.</li>
 * <li>Cancellation is checked between decode steps.</li>
 * </ul>
 */
package org.qtastudio.lm.generate;
