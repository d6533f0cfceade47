/**
 * Which libtorch build DJL loads and which device the model runs on: the bundled CPU build, or a CUDA
 * build downloaded on the user's consent into the data folder.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.lm.engine.EngineSelection#selectBeforeDjl()}: called first thing by
 *     {@code org.qtastudio.Main}; picks the build ({@code -Dqta.engine} / {@code $QTA_ENGINE}: {@code auto},
 *     {@code cpu} or a flavour) and points DJL's loader at it through system properties, so no re-launch is
 *     needed.</li>
 * <li>{@link org.qtastudio.lm.engine.EngineStore}: lists, installs, verifies and removes CUDA builds;
 *     every downloaded file is checked against what the publishing site says about it, or nothing is
 *     installed ({@link org.qtastudio.lm.engine.EngineVerificationException}).</li>
 * <li>{@link org.qtastudio.lm.engine.DeviceChoice} turns {@code auto}/{@code gpu}/{@code gpu:N} into a DJL
 *     device, saying in one line why a GPU cannot be used; {@link org.qtastudio.lm.engine.GpuDetector}
 *     finds NVIDIA GPUs without loading CUDA; {@link org.qtastudio.lm.engine.EngineReport} says what was
 *     actually loaded; {@link org.qtastudio.lm.engine.CudaErrors} explains CUDA failures.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * The selection must happen before anything touches DJL's PyTorch engine; afterwards it can only be
 * reported. A download is cancellable through {@link org.qtastudio.common.Progress}.
 */
package org.qtastudio.lm.engine;
