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
                ExperimentCommand.class,
                ServeCommand.class,
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
        // data printed from the workspace (tool names, query texts) must not drive the terminal: every byte
        // written to standard output or error, by the commands, the progress lines or the log, is filtered
        java.io.PrintStream realOut = System.out;
        java.io.PrintStream realErr = System.err;
        java.io.PrintStream out = TerminalText.filtered(realOut);
        java.io.PrintStream err = TerminalText.filtered(realErr);
        System.setOut(out);
        System.setErr(err);
        CommandLine cli = commandLine();
        try {
            cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true));
            cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, java.nio.charset.StandardCharsets.UTF_8), true));
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
            out.flush();
            err.flush();
            System.setOut(realOut);
            System.setErr(realErr);
            SignalCancel.outcomeReported();
        }
    }

    /** A configured command line, also used by tests to capture output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new QtaCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(QtaCommand::handle);
        cli.setParameterExceptionHandler(QtaCommand::handleUsage);
        // every numeric option refuses NaN and infinities (a NaN fraction or top-p passes every range check)
        cli.registerConverter(Double.class, QtaCommand::finiteDouble);
        cli.registerConverter(double.class, QtaCommand::finiteDouble);
        cli.registerConverter(Float.class, v -> (float) finiteDouble(v));
        cli.registerConverter(float.class, v -> (float) finiteDouble(v));
        return cli;
    }

    static double finiteDouble(String value) {
        double d;
        try {
            d = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
        }
        if (!Double.isFinite(d)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a finite number");
        }
        return d;
    }

    /**
     * A usage error (unknown option, a value of the wrong type): picocli's message, with control characters from
     * the arguments made visible, and where to find the usage. Exit code 2.
     */
    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + ErrorMessages.clean(e.getMessage()));
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            for (String suggestion : u.getSuggestions()) {
                err.println("  did you mean " + ErrorMessages.clean(suggestion) + "?");
            }
        }
        err.println("Usage: " + cli.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return cli.getCommandSpec().exitCodeOnInvalidInput();
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
