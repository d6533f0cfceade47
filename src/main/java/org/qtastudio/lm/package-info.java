/**
 * A causal LM engine on DJL's PyTorch engine, enough for QTA: load a Hugging Face model folder, generate,
 * score completions, and train a LoRA adapter. This package holds no classes; its subpackages are the
 * engine's parts.
 *
 * <ul>
 * <li>{@link org.qtastudio.lm.store}: where a model comes from (a folder, or a hub repository downloaded
 *     once into a cache).</li>
 * <li>{@link org.qtastudio.lm.safetensors} and {@link org.qtastudio.lm.tokenizer} (with
 *     {@link org.qtastudio.lm.chat} for chat templates): reading a model folder.</li>
 * <li>{@link org.qtastudio.lm.model}: the decoder ({@link org.qtastudio.lm.model.CausalLm}) for Llama,
 *     Mistral, Qwen2 and Qwen3, with its KV cache and completion log-probabilities.</li>
 * <li>{@link org.qtastudio.lm.generate}: the decode loop and sampling.</li>
 * <li>{@link org.qtastudio.lm.lora}: LoRA adapters, AdamW, merged export.</li>
 * <li>{@link org.qtastudio.lm.plan}: a run's peak memory, estimated before any model work.</li>
 * <li>{@link org.qtastudio.lm.engine}: which libtorch build runs (bundled CPU, or a downloaded CUDA build)
 *     and on which device.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>The engine knows nothing of workspaces, catalogs or retrieval: it depends on
 *     {@code org.qtastudio.common} only ({@code LayerArchitectureTest}), so it could become a library of its
 *     own. QTA's use of it lives in {@code org.qtastudio.align}.</li>
 * <li>Native memory is owned, never left to the garbage collector: every {@code NDArray} belongs to an
 *     {@code NDManager} that somebody closes (see {@link org.qtastudio.lm.model}).</li>
 * <li>Long work (downloads, generation) polls {@link org.qtastudio.common.Progress} and stops with a
 *     {@link org.qtastudio.common.CancelledException}.</li>
 * </ul>
 */
package org.qtastudio.lm;
