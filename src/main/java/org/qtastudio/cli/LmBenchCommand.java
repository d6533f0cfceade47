package org.qtastudio.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.bench.Machine;
import org.qtastudio.bench.lm.LmBenchmark;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.LmRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lm bench}: prefill and decode tokens/s with and without the KV cache, and peak memory. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure prefill and decode tokens/s (random prompt ids, greedy) with and without the KV cache, "
                + "and peak memory; prints a Markdown table.")
public final class LmBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (repeatable).")
    List<Path> models;

    @Option(names = "--prompt-tokens", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int promptTokens;

    @Option(names = "--new-tokens", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    int newTokens;

    @Option(names = "--batch", defaultValue = "1", description = "Rows decoded together, as sampling and rewriting do "
            + "(default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--without-cache", arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "Also decode without the KV cache (default: ${DEFAULT-VALUE}).")
    boolean withoutCache;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per figure, after one warm-up "
            + "(default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--device", defaultValue = "cpu", description = "Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--dtype", defaultValue = "float32", description = "Default: ${DEFAULT-VALUE}.")
    String dtype;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || promptTokens < 1 || newTokens < 1 || repeats < 1) {
            throw new IllegalArgumentException("--batch, --prompt-tokens, --new-tokens and --repeats must be at least 1");
        }
        var out = spec.commandLine().getOut();
        out.println(Machine.describe());
        out.println(LmBenchmark.Result.markdownHeader());
        LmRuntime runtime = LmRuntime.parse(device, dtype);
        for (Path dir : models) {
            try (CausalLm model = CausalLm.load(dir, runtime)) {
                LmBenchmark.run(model, dir.getFileName().toString(), batch, promptTokens, newTokens, repeats, withoutCache, out);
            }
        }
        return 0;
    }
}
