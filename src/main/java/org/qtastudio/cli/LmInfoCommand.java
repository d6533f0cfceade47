package org.qtastudio.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.ModelConfig;
import org.qtastudio.lm.safetensors.TensorInfo;
import org.qtastudio.lm.safetensors.WeightFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lm info}: what a model folder holds and how it would run. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a model's architecture, parameter count, stored and compute dtype, and device.")
public final class LmInfoCommand implements Callable<Integer> {

    @Mixin
    LmModelOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Path dir = options.folder(spec.commandLine().getErr());
        TreeSet<String> stored = new TreeSet<>();
        try (WeightFolder w = WeightFolder.open(dir)) {
            for (TensorInfo t : w.tensors().values()) {
                stored.add(t.dtype().name());
            }
        }
        try (CausalLm model = CausalLm.load(dir, options.runtime())) {
            ModelConfig c = model.config();
            out.printf("model:        %s%n", dir);
            out.printf("architecture: %s%n", c.architecture().hfName());
            out.printf("parameters:   %,d (%.1fM)%n", model.parameterCount(), model.parameterCount() / 1e6);
            out.printf("shape:        %d layers, hidden %d, %d heads (%d kv), head dim %d, intermediate %d, vocab %d%n",
                    c.numLayers(), c.hiddenSize(), c.numHeads(), c.numKvHeads(), c.headDim(), c.intermediateSize(),
                    c.vocabSize());
            out.printf("stored dtype: %s%n", String.join(", ", stored));
            out.printf("dtype:        %s%n", model.runtime().dtype().toString().toLowerCase(Locale.ROOT));
            out.printf("device:       %s%n", model.runtime().device());
            out.printf("tokenizer:    %s%n", Files.isRegularFile(dir.resolve("tokenizer.json")) ? "tokenizer.json" : "none");
        }
        return 0;
    }
}
