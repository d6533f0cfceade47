/**
 * Where models come from: a local folder as it is, or a Hugging Face hub repository downloaded once into a
 * cache folder ({@code $QTA_MODEL_CACHE}, else {@code ~/.cache/qta-studio/models}).
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.lm.store.ModelStore#resolve}: a folder or a repository id ({@code org/name}) to
 *     a model folder, downloading what is missing.</li>
 * <li>{@link org.qtastudio.lm.store.HubDownloader}: the hub's file listing and resumable downloads;
 *     {@link org.qtastudio.lm.store.HubDownloader#fromEnvironment()} reads the endpoint and token from the
 *     environment.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Only what the engine reads is fetched: JSON configs, safetensors weights and tokenizer files; pickle
 *     checkpoints never.</li>
 * <li>A file grows under {@code NAME.part} and gets its name only once its size and SHA-256 (where the
 *     hub announces them) check out; a mismatch deletes it
 *     ({@link org.qtastudio.lm.store.ChecksumMismatchException}); a cancel keeps the part, and the next try
 *     resumes it with an HTTP Range request.</li>
 * <li>Repository ids and revisions are checked ({@link org.qtastudio.lm.store.HubIds}) before they become
 *     folder names, so {@code ..} and absolute paths never reach the file system.</li>
 * </ul>
 */
package org.qtastudio.lm.store;
