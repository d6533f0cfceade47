package org.qtastudio.cli;

import java.io.PrintWriter;
import org.qtastudio.catalog.importers.ImportException;
import org.qtastudio.common.CancelledException;
import org.qtastudio.store.WorkspaceException;
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
        return commandLine().execute(args);
    }

    /** A configured command line, also used by tests to capture output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new QtaCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(QtaCommand::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof CancelledException) {
            err.println("Cancelled; nothing of the unfinished work was stored.");
            return 130;
        }
        String oom = org.qtastudio.lm.engine.CudaErrors.outOfMemory(e);
        String message = oom != null ? oom : e.getMessage() == null ? e.toString() : e.getMessage();
        boolean expected = oom != null || e instanceof ImportException || e instanceof WorkspaceException
                || e instanceof IllegalArgumentException || e instanceof java.io.IOException;
        err.println("error: " + message);
        QtaCommand root = parsed.commandSpec().root().commandLine().getCommand();
        if (root.debug || !expected) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
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
