package org.qtastudio.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qtastudio.lm.model.Architecture;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.model.RandomModelWriter;
import org.qtastudio.lm.model.RopeScaling;
import org.qtastudio.lm.model.WeightLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lm init-random}: a randomly initialised model of a chosen shape around a real tokenizer. */
@Command(name = "init-random", mixinStandardHelpOptions = true,
        description = "Write a model folder with RANDOM weights (config.json, model.safetensors, tokenizer files) "
                + "around a real tokenizer, for tests and benchmarks. Its outputs are meaningless text.")
public final class LmInitRandomCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tokenizer", required = true, paramLabel = "DIR", description = "Folder with tokenizer.json.")
    Path tokenizer;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write.")
    Path out;

    @Option(names = "--architecture", defaultValue = "llama",
            description = "llama, mistral, qwen2 or qwen3 (default: ${DEFAULT-VALUE}).")
    String architecture;

    @Option(names = "--hidden-size", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--layers", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--heads", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int kvHeads;

    @Option(names = "--head-dim", description = "Default: hidden size / heads.")
    Integer headDim;

    @Option(names = "--intermediate-size", defaultValue = "172", description = "Default: ${DEFAULT-VALUE}.")
    int intermediate;

    @Option(names = "--vocab-size", description = "Default: the tokenizer's (largest id + 1).")
    Integer vocab;

    // picocli sets a negatable option to the opposite of its default when the positive form is given, so a
    // `--tie-embeddings` declared with default true untied the model; the positive name is the negated form here
    @Option(names = "--no-tie-embeddings", negatable = true,
            description = "Give the model a separate output head instead of sharing the input embedding "
                    + "(--tie-embeddings, the default, shares it).")
    boolean tie = true;

    @Option(names = "--seed", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        Architecture arch = switch (architecture.toLowerCase(Locale.ROOT)) {
            case "llama" -> Architecture.LLAMA;
            case "mistral" -> Architecture.MISTRAL;
            case "qwen2" -> Architecture.QWEN2;
            case "qwen3" -> Architecture.QWEN3;
            default -> Architecture.fromHfName(architecture, "--architecture");
        };
        int tokVocab = RandomModelWriter.vocabSize(tokenizer);
        int v = vocab == null ? tokVocab : vocab;
        if (v < tokVocab) {
            throw new IllegalArgumentException("--vocab-size " + v + " is smaller than the tokenizer's " + tokVocab);
        }
        ModelConfig config = new ModelConfig(arch, v, hidden, intermediate, layers, heads, kvHeads,
                headDim == null ? hidden / heads : headDim, 1e-6, 10000.0, RopeScaling.NONE, 4096, tie,
                RandomModelWriter.eosIds(tokenizer), null, 0);
        RandomModelWriter.write(config, tokenizer, out, seed, arch == Architecture.QWEN2);
        long params = WeightLayout.parameterCount(config);
        var o = spec.commandLine().getOut();
        o.printf("wrote %s: %s, %,d parameters (%.1fM), vocab %d%n", out, arch.hfName(), params, params / 1e6, v);
        o.println("NOTE: the weights are random. This model's outputs are meaningless text; use it only for tests "
                + "and benchmarks.");
        return 0;
    }
}
