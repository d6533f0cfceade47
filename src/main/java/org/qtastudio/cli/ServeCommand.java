package org.qtastudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code serve}: a catalog's tuned tool search, served to agents until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a catalog's tool search (retriever, optionally an aligned rewriter) to agents; see docs/serving.md.",
        subcommands = {ServeMcpCommand.class, ServeHttpCommand.class})
public final class ServeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
