/**
 * Training a {@link org.qtastudio.lm.model.CausalLm} without touching its weights: low-rank adapters and the
 * optimizer that updates them.
 *
 * <ul>
 * <li>{@link org.qtastudio.lm.lora.LoraAdapter#attach} adds {@code (alpha/r)·B·A·dropout(x)} to the chosen
 *     projections ({@link org.qtastudio.lm.lora.LoraConfig}, named as PEFT names them); switched off, it
 *     gives back the frozen base model, which is DPO's reference without a second copy of the weights.
 *     Saved and loaded in PEFT's layout.</li>
 * <li>{@link org.qtastudio.lm.lora.AdamW}: decoupled weight decay with global-norm gradient clipping, with
 *     its state saved beside the adapter so a stopped run resumes.</li>
 * <li>{@link org.qtastudio.lm.lora.MergedExport}: the base model with the update folded in, as a plain
 *     Hugging Face folder.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * Only {@code A} and {@code B} require gradients; they are kept in F32 whatever the model computes in.
 * An adapter's arrays live in a sub-manager of the model's manager, freed by
 * {@link org.qtastudio.lm.lora.LoraAdapter#close()}; the optimizer's state by
 * {@link org.qtastudio.lm.lora.AdamW#close()}. DJL accumulates gradients across backward passes (gradient
 * accumulation relies on it); {@link org.qtastudio.lm.lora.AdamW#step} zeroes them after updating.
 */
package org.qtastudio.lm.lora;
