package org.qtastudio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.bench.Machine;
import org.qtastudio.bench.serve.ServingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench serving}: the HTTP tool search under 1, 8 and 32 concurrent clients; prints Markdown. */
@Command(name = "serving", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve a generated catalog over HTTP on loopback (BM25, dense, and BM25 behind the rewriter of a tiny "
                + "random model's alignment run when ../shared has the Qwen3 tokenizer) and load it with concurrent clients in the "
                + "same JVM; prints end-to-end latency percentiles, throughput and CPU time per request as Markdown.")
public final class ServingBenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--tools", description = "Tools in the generated catalog. Default: ${DEFAULT-VALUE}")
    int tools = 10_000;

    @Option(names = "--requests", description = "Timed requests per configuration and number of clients. Default: ${DEFAULT-VALUE}")
    int requests = 4_000;

    @Option(names = "--clients", split = ",", description = "Numbers of concurrent clients. Default: 1,8,32")
    List<Integer> clients = List.of(1, 8, 32);

    @Option(names = "--dense", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve dense retrieval too; --no-dense leaves it out (embedding the catalog takes minutes). Default: ${DEFAULT-VALUE}")
    boolean dense;

    @Option(names = "--tokenizer", paramLabel = "DIR", description = "Qwen3 tokenizer for the tiny rewriter. Default: ${DEFAULT-VALUE}")
    Path tokenizer = Path.of("..", "shared", "fixtures", "tokenizers", "qwen3");

    @Option(names = "--rewriter-requests", description = "Timed requests per number of clients with the rewriter. Default: ${DEFAULT-VALUE}")
    int rewriterRequests = 300;

    @Option(names = "--latency-budget", paramLabel = "MS", description = "The rewriter's latency budget in its second configuration. Default: ${DEFAULT-VALUE}")
    long latencyBudget = 200;

    @Option(names = "--seed", description = "Seed of the generated catalog and queries. Default: ${DEFAULT-VALUE}")
    long seed = 7;

    @Override
    public Integer call() throws Exception {
        if (tools < 8 || requests < 1 || rewriterRequests < 1 || latencyBudget < 1 || clients.isEmpty() || clients.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("--tools must be at least 8; --requests, --rewriter-requests, --latency-budget and every --clients value positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String machine = Machine.describe();
        List<ServingBenchmark.Row> rows = ServingBenchmark.run(new ServingBenchmark.Options(tools, requests, clients, dense, tokenizer,
                rewriterRequests, Duration.ofMillis(latencyBudget), seed), err);
        out.println("Measured " + LocalDate.now(ZoneOffset.UTC) + " on: " + machine + ".");
        out.println();
        out.println("Command: `qta-studio bench serving --tools " + tools + " --requests " + requests + " --clients "
                + String.join(",", clients.stream().map(String::valueOf).toList()) + (dense ? "" : " --no-dense")
                + " --rewriter-requests " + rewriterRequests + " --latency-budget " + latencyBudget + " --seed " + seed + "`");
        out.println();
        out.print(ServingBenchmark.table(rows));
        out.flush();
        return 0;
    }
}
