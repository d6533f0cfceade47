/**
 * Reading and writing model weights in the safetensors format, our own code because DJL 0.36 aborts the
 * JVM when it decodes BF16 itself.
 *
 * <ul>
 * <li>{@link org.qtastudio.lm.safetensors.WeightFolder}: the weights of a Hugging Face model folder (one file,
 *     index-listed shards, or any {@code *.safetensors} present), read by tensor name.</li>
 * <li>{@link org.qtastudio.lm.safetensors.SafetensorsFile}: one file; the JSON header eagerly, tensor data
 *     memory-mapped on demand and widened to F32 ({@link org.qtastudio.lm.safetensors.StoredType}: F32, F16,
 *     BF16).</li>
 * <li>{@link org.qtastudio.lm.safetensors.SafetensorsWriter}: F32 tensors streamed one at a time into a
 *     temporary file moved into place, so a failed export leaves no half-written file.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * Pickle checkpoints ({@code *.bin}, {@code *.pt}) are refused: loading them means running arbitrary Python
 * code. A file or folder that cannot be used fails with a
 * {@link org.qtastudio.lm.safetensors.SafetensorsException} naming the file and what is wrong.
 */
package org.qtastudio.lm.safetensors;
