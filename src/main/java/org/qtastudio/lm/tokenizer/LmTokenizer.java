package org.qtastudio.lm.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.qtastudio.lm.chat.ChatTemplate;

/**
 * A model folder's tokenizer: {@code tokenizer.json} through DJL's Hugging Face tokenizers (offline, CPU build),
 * special tokens and EOS ids from {@code tokenizer_config.json}, {@code generation_config.json} and
 * {@code config.json}, and the chat template.
 */
public final class LmTokenizer implements AutoCloseable {

    /** The files that make up a tokenizer in a Hugging Face model folder (copied along with exported models). */
    public static final List<String> FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "generation_config.json", "vocab.json", "merges.txt", "tokenizer.model",
            "added_tokens.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> addedTokens;
    private final Set<Integer> eosIds;
    private final String bosToken;
    private final String eosToken;
    private final Integer padId;
    private final ChatTemplate chatTemplate;

    private LmTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Integer> addedTokens, Set<Integer> eosIds,
            String bosToken, String eosToken, Integer padId, ChatTemplate chatTemplate) {
        this.tokenizer = tokenizer;
        this.addedTokens = addedTokens;
        this.eosIds = eosIds;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.padId = padId;
        this.chatTemplate = chatTemplate;
    }

    /** Loads the tokenizer files of a model folder; never touches the network. */
    public static LmTokenizer load(Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": no tokenizer.json (only Hugging Face fast tokenizers are supported; "
                    + "save the tokenizer with a recent transformers version to get one)");
        }
        // the tokenizer needs no GPU: without this, DJL would try to download a CUDA build on CUDA machines
        if (System.getenv("RUST_FLAVOR") == null && System.getProperty("RUST_FLAVOR") == null) {
            System.setProperty("RUST_FLAVOR", "cpu");
        }
        Map<String, String> options = new HashMap<>();
        options.put("addSpecialTokens", "false");
        options.put("truncation", "false");
        options.put("padding", "false");
        HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file, options);
        try {
            JsonNode cfg = readOptional(dir.resolve("tokenizer_config.json"));
            Map<String, Integer> added = new LinkedHashMap<>();
            cfg.path("added_tokens_decoder").properties().forEach(e ->
                    added.put(e.getValue().path("content").asText(), Integer.parseInt(e.getKey())));
            JsonNode tokJson = JSON.readTree(file.toFile()).path("added_tokens");
            tokJson.forEach(t -> added.putIfAbsent(t.path("content").asText(), t.path("id").asInt()));
            String bos = tokenText(cfg.path("bos_token"));
            String eos = tokenText(cfg.path("eos_token"));
            String pad = tokenText(cfg.path("pad_token"));
            Set<Integer> eosIds = new LinkedHashSet<>();
            addIds(eosIds, readOptional(dir.resolve("generation_config.json")).path("eos_token_id"));
            if (eos != null && added.containsKey(eos)) {
                eosIds.add(added.get(eos));
            }
            addIds(eosIds, readOptional(dir.resolve("config.json")).path("eos_token_id"));
            ChatTemplate template = chatTemplate(cfg.path("chat_template"), dir.resolve("tokenizer_config.json").toString());
            return new LmTokenizer(hf, Map.copyOf(added), Set.copyOf(eosIds), bos, eos,
                    pad == null ? null : added.get(pad), template);
        } catch (IOException | RuntimeException e) {
            hf.close();
            throw e;
        }
    }

    private static JsonNode readOptional(Path p) throws IOException {
        return Files.isRegularFile(p) ? JSON.readTree(p.toFile()) : JSON.createObjectNode();
    }

    private static String tokenText(JsonNode n) {
        if (n.isTextual()) {
            return n.asText();
        }
        return n.path("content").isTextual() ? n.get("content").asText() : null;
    }

    private static void addIds(Set<Integer> ids, JsonNode n) {
        if (n.isNumber()) {
            ids.add(n.asInt());
        } else if (n.isArray()) {
            n.forEach(x -> ids.add(x.asInt()));
        }
    }

    private static ChatTemplate chatTemplate(JsonNode n, String origin) {
        if (n.isTextual()) {
            return new ChatTemplate(n.asText(), origin, ChatTemplate.Limits.DEFAULT);
        }
        if (n.isArray()) {
            for (JsonNode t : n) {
                if ("default".equals(t.path("name").asText())) {
                    return new ChatTemplate(t.path("template").asText(), origin, ChatTemplate.Limits.DEFAULT);
                }
            }
        }
        return null;
    }

    /** Copies those of {@link #FILES} that exist from one folder to another. */
    public static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String f : FILES) {
            if (Files.isRegularFile(from.resolve(f))) {
                Files.copy(from.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Token ids of a text; {@code addSpecialTokens} applies the tokenizer's post-processor (e.g. a BOS). */
    public int[] encode(String text, boolean addSpecialTokens) {
        long[] ids = tokenizer.encode(text, addSpecialTokens, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** Text of token ids. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, skipSpecialTokens);
    }

    /** Ids that end generation: generation_config's, the tokenizer's EOS token, config.json's. */
    public Set<Integer> eosIds() {
        return eosIds;
    }

    /** Id of an added/special token such as {@code <|im_end|>}. */
    public Optional<Integer> specialTokenId(String token) {
        return Optional.ofNullable(addedTokens.get(token));
    }

    /** The pad token's id, when the tokenizer names one. */
    public Optional<Integer> padId() {
        return Optional.ofNullable(padId);
    }

    public Optional<ChatTemplate> chatTemplate() {
        return Optional.ofNullable(chatTemplate);
    }

    /**
     * Renders a conversation with the model's chat template, passing {@code bos_token} and {@code eos_token} as
     * Hugging Face does; {@code variables} adds {@code tools}, {@code enable_thinking} and the like.
     */
    public String applyChatTemplate(List<Map<String, Object>> messages, boolean addGenerationPrompt,
            Map<String, Object> variables) {
        if (chatTemplate == null) {
            throw new IllegalStateException("the tokenizer has no chat_template in tokenizer_config.json");
        }
        Map<String, Object> vars = new HashMap<>();
        if (bosToken != null) {
            vars.put("bos_token", bosToken);
        }
        if (eosToken != null) {
            vars.put("eos_token", eosToken);
        }
        vars.putAll(variables);
        return chatTemplate.render(messages, addGenerationPrompt, vars);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
