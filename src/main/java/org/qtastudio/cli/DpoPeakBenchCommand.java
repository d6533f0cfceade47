package org.qtastudio.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtastudio.bench.Machine;
import org.qtastudio.bench.align.DpoPeakBenchmark;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.lm.plan.MemoryBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench dpo-peak}: one DPO step's peak resident memory beside the memory plan's estimate (docs/memory-plan.md). */
@Command(name = "dpo-peak", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load a model on the CPU (float32, or --dtype bfloat16), attach LoRA with the align defaults, compute reference log-probs and run "
                + "one DPO step on random token ids, resetting the peak resident set (VmHWM) before each, and print one RESULT "
                + "line: the peaks beside the memory plan's reference and training totals (MiB) and terms (bytes).")
public final class DpoPeakBenchCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (safetensors + tokenizer).")
    Path model;
    @Option(names = "--pairs", description = "Preference pairs in the step (default: ${DEFAULT-VALUE}).")
    int pairs = 4;
    @Option(names = "--prompt-tokens", description = "Prompt tokens per pair (default: ${DEFAULT-VALUE}).")
    int prompt = 594;
    @Option(names = "--new-tokens", description = "Tokens per completion (default: ${DEFAULT-VALUE}).")
    int completion = 48;
    @Option(names = "--dtype", description = "float32 or bfloat16 (default: ${DEFAULT-VALUE}).")
    String dtype = "float32";
    @Option(names = "--checkpointing", arity = "1", paramLabel = "true|false", description = "Activation checkpointing (default: the model's).")
    Boolean checkpointing;
    @Option(names = "--heap-trim", arity = "1", paramLabel = "true|false",
            description = "Hand freed memory back to the system after each recomputed layer (default: ${DEFAULT-VALUE}, as align does).")
    boolean heapTrim = true;
    @Option(names = "--heap-ceiling", paramLabel = "SIZE",
            description = "Hand freed memory back after a recomputed layer only while the resident set exceeds SIZE (e.g. 4400M); overrides --heap-trim.")
    String heapCeiling;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        out.println(Machine.describe());
        try (CausalLm lm = CausalLm.load(model, LmRuntime.parse("cpu", dtype))) {
            if (checkpointing != null) {
                lm.setActivationCheckpointing(checkpointing);
            }
            lm.setHeapTrimming(heapTrim);
            if (heapCeiling != null) {
                lm.setHeapCeiling(MemoryBudget.parseSize(heapCeiling));
            }
            out.println(DpoPeakBenchmark.run(lm, pairs, prompt, completion).line());
        }
        return 0;
    }
}
