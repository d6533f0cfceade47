package org.qtastudio.cli;

import java.io.PrintWriter;
import org.qtastudio.common.CancelledException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root of the command line: {@code qta-studio COMMAND ...}. */
@Command(name = "qta-studio",
        mixinStandardHelpOptions = true,
        versionProvider = QtaCommand.Version.class,
        description = "Tool retrieval for LLM agents with thousands of tools: import catalogs, annotate queries, "
                + "evaluate retrievers, align a query rewriter (QTA). Run without arguments to open the application.",
        subcommands = {
                ImportCommand.class,
                CatalogsCommand.class,
                ToolsCommand.class,
                QueriesCommand.class,
                AnnotateCommand.class,
                SplitCommand.class,
                ExportCommand.class,
                SearchCommand.class,
                EvalCommand.class,
                RunsCommand.class,
                AlignCommand.class,
                RewriteCommand.class,
                PairsCommand.class,
                LmCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        })
public final class QtaCommand implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and returns the exit code: 0 success, 1 a failure with its message, 2 a usage error, 130 cancelled. */
    public static int execute(String... args) {
        try {
            return commandLine().execute(args);
        } finally {
            SignalCancel.outcomeReported();
        }
    }

    /** A configured command line, also used by tests to capture output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new QtaCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(QtaCommand::handle);
        return cli;
    }

    /**
     * The single place where a failed command is reported: one line on standard error ({@link ErrorMessages}), the
     * stack trace only with {@code --debug}. Expected failures exit 1, cancellation 130.
     */
    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean debug = parsed.commandSpec().root().commandLine().<QtaCommand>getCommand().debug;
        CancelledException cancelled = cancelled(e);
        if (cancelled != null) {
            String m = cancelled.getMessage();
            err.println("Cancelled" + (m == null || m.isBlank() ? "; nothing of the unfinished work was stored." : ": " + ErrorMessages.clean(m)));
            err.flush();
            return 130;
        }
        boolean expected = ErrorMessages.expected(e);
        err.println("error: " + ErrorMessages.line(e)
                + (expected || debug ? "" : " (an unexpected " + e.getClass().getSimpleName()
                        + "; run again with --debug to see where it happened)"));
        if (debug) {
            e.printStackTrace(err);
        } else if (!expected) {
            org.slf4j.LoggerFactory.getLogger(QtaCommand.class).debug("unexpected failure", e);
        }
        err.flush();
        return 1;
    }

    private static CancelledException cancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CancelledException c) {
                return c;
            }
        }
        return null;
    }

    /** The version from the jar manifest (or "development" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = QtaCommand.class.getPackage().getImplementationVersion();
            return new String[] {"QTA Studio " + (v == null ? "development build" : v)};
        }
    }
}
