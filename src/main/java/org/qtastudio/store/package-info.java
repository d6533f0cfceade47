/**
 * The SQLite workspace: one file holding catalogs, runs and alignment rounds, plus a side folder for
 * indexes and model artifacts. The schema lives in Flyway migrations ({@code db/migration/V*.sql}), run
 * when a workspace is opened.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.store.Workspace#open(java.nio.file.Path)} creates or migrates a workspace;
 *     {@link org.qtastudio.store.Workspace#openExisting(java.nio.file.Path)} refuses a missing file, as
 *     read-only commands want. A file that is not a workspace, or was written by a newer schema, is refused
 *     with a {@link org.qtastudio.store.WorkspaceException} and left byte for byte as it was.</li>
 * <li>{@link org.qtastudio.store.Workspace#write}, {@link org.qtastudio.store.Workspace#read} and
 *     {@link org.qtastudio.store.Workspace#dryRun} hand a {@link java.sql.Connection} to a
 *     {@link org.qtastudio.store.Workspace.SqlWork}.</li>
 * <li>{@link org.qtastudio.store.WorkspaceLocations#defaultWorkspace()}: the workspace opened when none is
 *     named.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Each {@code write} is one transaction on the single writer connection: committed when the work
 *     returns, rolled back when it throws (a {@link org.qtastudio.common.CancelledException} included).
 *     An import or an evaluation run is therefore stored whole or not at all; a {@code write} nested in the
 *     same thread's open one joins it.</li>
 * <li>Reads use pooled read-only connections and, thanks to WAL, never wait for a writer. A writer that
 *     meets another process's lock waits for it ({@link org.qtastudio.store.BusyWait}, five minutes by
 *     default) rather than throwing away finished work.</li>
 * <li>SQL is written here and in the few classes of the packages above that own tables
 *     ({@code CatalogStore}, {@code ImportService}, {@code EvalRunStore}, {@code EmbeddingStore},
 *     {@code AlignStore}, ...); everything else goes through them.</li>
 * </ul>
 */
package org.qtastudio.store;
