package org.qtastudio.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtastudio.bench.catalog.ImportBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench import}: imports a generated OpenAI-functions catalog and prints time and peak heap. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Generate an OpenAI-functions file of N tools, import it into a fresh workspace, print time, tools/s and peak heap.")
public final class ImportBenchCommand implements Callable<Integer> {

    @Option(names = "--tools", description = "Tools to generate (default: ${DEFAULT-VALUE}).")
    int tools = 100_000;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder (default: a new temporary folder).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        ImportBenchmark.run(dir != null ? dir : Files.createTempDirectory("qta-import-bench"), tools, System.out);
        return 0;
    }
}
