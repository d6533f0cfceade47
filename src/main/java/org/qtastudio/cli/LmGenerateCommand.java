package org.qtastudio.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.generate.Generation;
import org.qtastudio.lm.generate.GenerationSettings;
import org.qtastudio.lm.generate.Generator;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.tokenizer.LmTokenizer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lm generate}: continue a prompt; prints the new ids ({@code ids: ...}) and then the text. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Continue a prompt. Prints the new token ids (an EOS that ended generation included) on a "
                + "line starting 'ids:', then the decoded text.")
public final class LmGenerateCommand implements Callable<Integer> {

    @Mixin
    LmModelOptions options;

    @Spec
    CommandSpec spec;

    static final class PromptInput {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt text (needs tokenizer.json).")
        String text;

        @Option(names = "--prompt-ids", split = ",", paramLabel = "ID", description = "Prompt token ids, e.g. 1,2,3.")
        int[] ids;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    PromptInput prompt;

    @Option(names = "--chat", description = "Wrap --prompt as a user message in the model's chat template.")
    boolean chat;

    @Option(names = "--system", paramLabel = "TEXT", description = "System message for --chat.")
    String system;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Nucleus sampling mass (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--top-k", defaultValue = "0", description = "0 = off (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples", defaultValue = "1", description = "Continuations of the prompt, decoded in one "
            + "batch (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop a continuation once its text contains this "
            + "(repeatable; needs tokenizer.json).")
    List<String> stops = new ArrayList<>();

    @Option(names = "--no-kv-cache", description = "Recompute the whole sequence every step (slow; for checks).")
    boolean noKvCache;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path dir = options.folder(err);
        boolean hasTokenizer = Files.isRegularFile(dir.resolve("tokenizer.json"));
        if (!hasTokenizer && (prompt.text != null || !stops.isEmpty())) {
            throw new ParameterException(spec.commandLine(), dir + " has no tokenizer.json: use --prompt-ids, "
                    + "and no --stop");
        }
        if (chat && prompt.text == null) {
            throw new ParameterException(spec.commandLine(), "--chat needs --prompt");
        }
        try (CausalLm model = CausalLm.load(dir, options.runtime());
                LmTokenizer tokenizer = hasTokenizer ? LmTokenizer.load(dir) : null) {
            int[] ids = prompt.ids != null ? prompt.ids : encode(tokenizer);
            Set<Integer> eos = new HashSet<>(model.config().eosTokenIds());
            if (tokenizer != null) {
                eos.addAll(tokenizer.eosIds());
            }
            GenerationSettings settings = GenerationSettings.greedy(maxNewTokens, eos)
                    .withSampling(temperature, topK, topP, seed, samples)
                    .withStopStrings(stops)
                    .withKvCache(!noKvCache);
            List<Generation> result = Generator.generate(model, List.of(ids), settings,
                    tokenizer == null ? null : t -> tokenizer.decode(t, true), Progress.NONE);
            for (Generation g : result) {
                out.println("ids: " + Arrays.stream(g.tokens()).mapToObj(Integer::toString)
                        .collect(Collectors.joining(",")));
                if (tokenizer != null) {
                    out.println(tokenizer.decode(g.tokens(), true));
                }
            }
            if (tokenizer == null) {
                err.println("(no tokenizer.json in " + dir + ": ids only)");
            }
        }
        return 0;
    }

    private int[] encode(LmTokenizer tokenizer) {
        if (!chat) {
            return tokenizer.encode(prompt.text, true);
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        if (system != null) {
            messages.add(Map.of("role", "system", "content", system));
        }
        messages.add(Map.of("role", "user", "content", prompt.text));
        return tokenizer.encode(tokenizer.applyChatTemplate(messages, true, Map.of()), false);
    }
}
