package org.qtastudio.align;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.generate.Generation;
import org.qtastudio.lm.generate.GenerationSettings;
import org.qtastudio.lm.generate.Generator;
import org.qtastudio.lm.model.CausalLm;
import org.qtastudio.lm.model.LmRuntime;
import org.qtastudio.lm.tokenizer.LmTokenizer;

/**
 * A causal LM in its role as query rewriter: renders rewrite prompts with the model's chat template, samples
 * or greedily decodes rewrites, and tokenises completions the way the model ends a turn.
 */
public final class Rewriter implements AutoCloseable {

    private final CausalLm model;
    private final LmTokenizer tokenizer;
    private final String instruction;
    private final int endOfTurn;

    private Rewriter(CausalLm model, LmTokenizer tokenizer, String instruction) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.instruction = instruction;
        if (tokenizer.eosIds().isEmpty()) {
            throw new IllegalArgumentException("the model in " + model.dir() + " names no end-of-sequence token; "
                    + "its tokenizer_config.json or generation_config.json must set eos_token / eos_token_id");
        }
        this.endOfTurn = tokenizer.eosIds().iterator().next();
    }

    /** Loads a Hugging Face model folder (weights, tokenizer, chat template). */
    public static Rewriter load(Path modelDir, LmRuntime runtime, String instruction) throws IOException {
        LmTokenizer tokenizer = LmTokenizer.load(modelDir);
        try {
            if (tokenizer.chatTemplate().isEmpty()) {
                throw new IllegalArgumentException("the model in " + modelDir + " has no chat template; QTA needs an instruction-tuned model");
            }
            return new Rewriter(CausalLm.load(modelDir, runtime), tokenizer, instruction);
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    public CausalLm model() {
        return model;
    }

    public LmTokenizer tokenizer() {
        return tokenizer;
    }

    /** The rendered prompt text for a query and its tool documents (what is stored with a pair). */
    public String promptText(String query, List<Tool> documents) {
        return tokenizer.applyChatTemplate(RewritePrompt.messages(instruction, query, documents), true,
                Map.of("enable_thinking", false));
    }

    /** Token ids of a rendered prompt; the template already holds any special tokens. */
    public int[] promptIds(String promptText) {
        return tokenizer.encode(promptText, false);
    }

    /** Token ids of a completion: its text, then the token with which the model ends its turn. */
    public int[] completionIds(String text) {
        int[] body = tokenizer.encode(text, false);
        int[] ids = java.util.Arrays.copyOf(body, body.length + 1);
        ids[body.length] = endOfTurn;
        return ids;
    }

    /**
     * Samples up to {@code n} distinct, non-empty rewrites of one prompt in one batch.
     *
     * @return the cleaned rewrites, in sampling order
     */
    public List<String> sample(int[] prompt, int n, double temperature, double topP, int maxNewTokens, long seed, Progress progress) {
        GenerationSettings settings = GenerationSettings.greedy(maxNewTokens, tokenizer.eosIds())
                .withSampling(temperature, 0, topP, seed, n);
        return clean(Generator.generate(model, List.of(prompt), settings, null, progress));
    }

    /** The most likely rewrite (greedy decoding), or the empty string when the model says nothing usable. */
    public String greedy(int[] prompt, int maxNewTokens, Progress progress) {
        return greedy(List.of(prompt), maxNewTokens, progress).get(0);
    }

    /**
     * Greedy rewrites of several prompts decoded in one left-padded batch: the same as one at a time, within
     * floating-point tolerance, in fewer and fuller forward passes.
     *
     * @return one rewrite per prompt, in order; the empty string where the model says nothing usable
     */
    public List<String> greedy(List<int[]> prompts, int maxNewTokens, Progress progress) {
        List<String> out = new ArrayList<>();
        for (Generation g : Generator.generate(model, prompts, GenerationSettings.greedy(maxNewTokens,
                tokenizer.eosIds()), null, progress)) {
            out.add(firstLine(tokenizer.decode(g.tokens(), true)));
        }
        return out;
    }

    private List<String> clean(List<Generation> generations) {
        LinkedHashSet<String> texts = new LinkedHashSet<>();
        for (Generation g : generations) {
            String text = firstLine(tokenizer.decode(g.tokens(), true));
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return new ArrayList<>(texts);
    }

    /** Rewrites are one line; models sometimes add a second thought or quote the answer. */
    static String firstLine(String decoded) {
        for (String line : decoded.split("\\R")) {
            String s = line.strip();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                s = s.substring(1, s.length() - 1).strip();
            }
            if (!s.isEmpty()) {
                return s;
            }
        }
        return "";
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
