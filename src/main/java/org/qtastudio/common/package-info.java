/**
 * The floor every other package stands on: progress and cancellation, the one JSON mapper, hashing, safe
 * output files and the user's data folder. It depends on no other package of the application, so that the
 * LM engine ({@code org.qtastudio.lm}), which may use nothing else, can still report progress and find its
 * builds.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.common.Progress}: how long work (import, indexing, embedding, sampling, training,
 *     evaluation) reports how far it is and learns of a cancel. The window backs it with a
 *     {@code javafx.concurrent.Task}, the command line with a progress line on stderr;
 *     {@link org.qtastudio.common.Progress#NONE} serves callers that need neither.</li>
 * <li>{@link org.qtastudio.common.CancelledException}: thrown by
 *     {@link org.qtastudio.common.Progress#checkCancelled()}; the caller rolls back or marks the run.</li>
 * <li>{@link org.qtastudio.common.OutputFiles}: every file an export writes, never overwriting without
 *     {@code --force}, never a workspace, always via a temporary file renamed into place.</li>
 * <li>{@link org.qtastudio.common.Json}, {@link org.qtastudio.common.Hashing},
 *     {@link org.qtastudio.common.UserDataFolder}.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Cancellation is cooperative: long loops call {@link org.qtastudio.common.Progress#checkCancelled()}
 *     between units of work; a cancel does not interrupt the thread, so a file being written is never left
 *     half-done by an interrupt.</li>
 * <li>Nothing here uses another package of the application ({@code LayerArchitectureTest}), nor JavaFX,
 *     picocli, SQL or DJL: the only library is Jackson.</li>
 * </ul>
 */
package org.qtastudio.common;
