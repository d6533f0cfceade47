package org.qtastudio.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lm}: the causal LM engine from the command line (inspect, generate, score, download, create, bench). */
@Command(name = "lm", mixinStandardHelpOptions = true,
        description = "Causal LM engine: inspect, run, score, download and create models.",
        subcommands = {LmInfoCommand.class, LmGenerateCommand.class, LmScoreCommand.class, LmDownloadCommand.class,
                LmInitRandomCommand.class, LmBenchCommand.class, LmPlanCommand.class, LmDeviceCommand.class,
                LmEngineCommand.class})
public final class LmCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code lm} on its own (the application's root command registers it as a subcommand too). */
    public static void main(String[] args) {
        org.qtastudio.lm.engine.EngineSelection.selectBeforeDjl();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        System.exit(new CommandLine(new LmCommand()).execute(args));
    }
}
