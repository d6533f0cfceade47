package org.qtastudio.lm.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The decoder families this engine runs; they differ only in the details the config and weights switch on. */
public enum Architecture {
    LLAMA("LlamaForCausalLM", false),
    MISTRAL("MistralForCausalLM", false),
    QWEN2("Qwen2ForCausalLM", false),
    QWEN3("Qwen3ForCausalLM", true);

    private final String hfName;
    private final boolean qkNorm;

    Architecture(String hfName, boolean qkNorm) {
        this.hfName = hfName;
        this.qkNorm = qkNorm;
    }

    /** The name in {@code config.json}'s {@code architectures}. */
    public String hfName() {
        return hfName;
    }

    /** Whether q and k get a per-head RMSNorm before RoPE (Qwen3). */
    public boolean qkNorm() {
        return qkNorm;
    }

    /** Comma-separated Hugging Face names of all supported architectures, for error messages. */
    public static String supportedNames() {
        return Arrays.stream(values()).map(Architecture::hfName).collect(Collectors.joining(", "));
    }

    /** Looks up a Hugging Face architecture name. */
    public static Architecture fromHfName(String name, Object file) {
        for (Architecture a : values()) {
            if (a.hfName.equals(name)) {
                return a;
            }
        }
        throw new ModelConfigException(file + ": architecture '" + name + "' is not supported; supported: "
                + supportedNames());
    }
}
