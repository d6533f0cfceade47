package org.qtastudio.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.SequenceLogProbs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lm score}: the summed log-probability of a completion given a prompt (the quantity DPO compares). */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Print the summed log-probability of the completion tokens given the prompt tokens.")
public final class LmScoreCommand implements Callable<Integer> {

    @Mixin
    LmModelOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--prompt-ids", required = true, split = ",", paramLabel = "ID", description = "e.g. 1,30,31")
    int[] promptIds;

    @Option(names = "--completion-ids", required = true, split = ",", paramLabel = "ID", description = "e.g. 40,41,2")
    int[] completionIds;

    @Override
    public Integer call() throws Exception {
        try (CausalLm model = options.load(spec.commandLine().getErr())) {
            double[] lp = SequenceLogProbs.score(model, List.of(promptIds), List.of(completionIds));
            spec.commandLine().getOut().printf("logprob: %.6f%n", lp[0]);
        }
        return 0;
    }
}
