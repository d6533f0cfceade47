/**
 * The decoder-only transformer, written from DJL {@code NDArray} operations after the Hugging Face formulas:
 * RMSNorm, RoPE (with {@link org.qtastudio.lm.model.RopeScaling}), grouped-query attention with an optional
 * sliding window and KV cache, SwiGLU MLP.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.lm.model.CausalLm#load}: a model folder on an
 *     {@link org.qtastudio.lm.model.LmRuntime} (device and compute dtype);
 *     {@link org.qtastudio.lm.model.CausalLm#forward} gives logits, with a
 *     {@link org.qtastudio.lm.model.KvCache} for decoding.</li>
 * <li>{@link org.qtastudio.lm.model.SequenceLogProbs}: summed completion log-probabilities, the quantity DPO
 *     compares; inside a gradient collector it yields gradients for the adapter.</li>
 * <li>{@link org.qtastudio.lm.model.ModelConfig} reads {@code config.json} and refuses, naming the field,
 *     what the engine cannot honour; {@link org.qtastudio.lm.model.WeightLayout} is the one place for
 *     tensor names and shapes; {@link org.qtastudio.lm.model.RandomModelWriter} writes random models of any
 *     shape for tests and benchmarks.</li>
 * </ul>
 *
 * <h2>Adding an architecture</h2>
 * Add a constant to {@link org.qtastudio.lm.model.Architecture} with its Hugging Face name and the switches
 * it needs (as {@code qkNorm} for Qwen3); read any new field in {@link org.qtastudio.lm.model.ModelConfig}
 * (refusing what cannot be run); name new tensors in {@link org.qtastudio.lm.model.WeightLayout}, which
 * loading checks against; apply the difference in {@code CausalLm}'s layer; and count it in
 * {@link org.qtastudio.lm.plan.MemoryPlan}.
 *
 * <h2>Who closes what</h2>
 * <ul>
 * <li>{@link org.qtastudio.lm.model.CausalLm} owns the manager that holds the weights;
 *     {@link org.qtastudio.lm.model.CausalLm#close()} frees them.</li>
 * <li>Outputs are attached to the caller's {@code NDManager}, which the caller closes. Without training,
 *     intermediates live in a sub-manager closed before {@code forward} returns, and each decoder layer
 *     runs in its own {@code NDScope}, so only one layer's intermediates are alive at a time. While an
 *     adapter trains, the graph belongs to the caller's manager until the backward pass is done.</li>
 * <li>A {@link org.qtastudio.lm.model.KvCache} owns its arrays; close it when the generation ends.</li>
 * <li>Numbers in differentiated arithmetic go through {@link org.qtastudio.lm.model.Scalars}, so that the
 *     backward pass never reads a freed array.</li>
 * </ul>
 *
 * <h2>Precision</h2>
 * Weights and activations are in the runtime's dtype; norms, softmax, the adapter and the logits in F32. DJL's
 * {@code toType} is invisible to autograd and cannot name bfloat16, so every change of dtype goes through
 * {@code LmRuntime.cast}, which records the cast while an adapter trains: a low-precision model trains like an F32
 * one. Freed memory goes back to the system after each recomputed layer and when a model closes
 * ({@code NativeHeap}).
 */
package org.qtastudio.lm.model;
