/**
 * The command line: picocli commands that run the same use cases as the window (import, annotate, search,
 * evaluate, align, rewrite, the LM engine, benchmarks) without one. It may use every package below it but
 * not {@code app}; picocli appears nowhere else ({@code LayerArchitectureTest}). Only the {@code bench} commands
 * ({@link org.qtastudio.cli.BenchCommand}'s subcommands and {@code lm bench}) reach into {@code org.qtastudio.bench},
 * the benchmarks beside the product.
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.cli.QtaCommand#execute}: parses the arguments, runs a command and returns the
 *     exit code (0 success, 1 a failure, 2 a usage error, 130 cancelled); {@code org.qtastudio.Main} calls
 *     it whenever there are arguments. {@link org.qtastudio.cli.QtaCommand#commandLine()} lets tests capture
 *     the output.</li>
 * <li>{@link org.qtastudio.cli.ErrorMessages}: the single place where a failure becomes the one line a user
 *     reads; stack traces only with {@code --debug}.</li>
 * <li>{@link org.qtastudio.cli.CliProgress}: {@link org.qtastudio.common.Progress} as a throttled line on
 *     stderr; with {@code SignalCancel}, Ctrl-C or SIGTERM sets its cancel flag and waits until the work has
 *     stopped at its next unit and rolled back or recorded the cancel.</li>
 * <li>Shared options: {@link org.qtastudio.cli.WorkspaceOptions}, {@link org.qtastudio.cli.CatalogOption},
 *     {@link org.qtastudio.cli.RetrieverOptions}, {@link org.qtastudio.cli.LmModelOptions}; output through
 *     {@link org.qtastudio.cli.TextTable}, {@link org.qtastudio.cli.OutputFormat} and
 *     {@link org.qtastudio.cli.ReportFormat}.</li>
 * </ul>
 *
 * <h2>Adding a command</h2>
 * Write a {@code @Command} class implementing {@code Callable<Integer>} that mixes in the shared options it
 * needs, leaves the work to the services and stores below (no SQL here), and lets failures
 * propagate as ordinary exceptions with clear messages: {@link org.qtastudio.cli.ErrorMessages} shows them.
 * Register it in the {@code subcommands} of {@link org.qtastudio.cli.QtaCommand} or of its parent command
 * ({@link org.qtastudio.cli.LmCommand}, {@link org.qtastudio.cli.BenchCommand}). Long work takes a
 * {@link org.qtastudio.cli.CliProgress} installed with {@code SignalCancel}.
 *
 * <h2>Invariants</h2>
 * Everything written to standard output or error passes through {@link org.qtastudio.cli.TerminalText}, so
 * stored text cannot drive the terminal. Exports ({@code export}, {@code runs export}, {@code pairs export})
 * write through {@link org.qtastudio.common.OutputFiles}, so they never overwrite without {@code --force}.
 */
package org.qtastudio.cli;
