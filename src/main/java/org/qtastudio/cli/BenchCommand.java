package org.qtastudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bench}: the benchmarks and regressions whose figures are in docs/. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks and regressions (their figures are in docs/, each with its command).",
        subcommands = {ImportBenchCommand.class, RetrievalBenchCommand.class, MtrbRegressionCommand.class,
                QtaShapeBenchCommand.class, GpuCheckCommand.class, DpoPeakBenchCommand.class, ServingBenchCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
