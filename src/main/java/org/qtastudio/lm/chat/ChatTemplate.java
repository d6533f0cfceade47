package org.qtastudio.lm.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jinjava.javax.el.CompositeELResolver;

/**
 * Renders a model's Jinja {@code chat_template} with Hugging Face semantics ({@code trim_blocks},
 * {@code lstrip_blocks}, Python string methods, Python-style {@code tojson}, {@code raise_exception}) on jinjava.
 * Template variables are plain Java maps, lists, strings, numbers and booleans.
 */
public final class ChatTemplate {

    private final String source;
    private final String normalised;
    private final Jinjava jinjava;

    public ChatTemplate(String source) {
        this.source = source;
        this.normalised = TemplateSource.normalise(source);
        JinjavaConfig defaults = JinjavaConfig.newBuilder().build();
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonMethodResolver());
        resolver.add(defaults.getElResolver());
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withElResolver(resolver)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withIterateOverMapKeys(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .build();
        this.jinjava = new Jinjava(config);
        try {
            jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                    ChatTemplate.class.getMethod("raiseException", String.class)));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        jinjava.getGlobalContext().registerFilter(new ToJson());
        jinjava.getGlobalContext().registerFilter(new PythonSliceFilter());
    }

    public String source() {
        return source;
    }

    /**
     * Renders a conversation.
     *
     * @param messages {@code role}/{@code content} maps (and {@code tool_calls}, {@code reasoning_content} ...)
     * @param addGenerationPrompt whether to open an assistant turn at the end
     * @param variables more template variables: {@code tools}, {@code bos_token}, {@code enable_thinking} ...
     */
    public String render(List<Map<String, Object>> messages, boolean addGenerationPrompt,
            Map<String, Object> variables) {
        Map<String, Object> ctx = new HashMap<>(variables);
        ctx.put("messages", messages);
        ctx.put("add_generation_prompt", addGenerationPrompt);
        RenderResult result = jinjava.renderForResult(normalised, ctx);
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        for (TemplateError e : fatal) {
            for (Throwable t = e.getException(); t != null; t = t.getCause()) {
                if (t instanceof ChatTemplateException raised) {
                    throw raised;
                }
            }
        }
        if (!fatal.isEmpty()) {
            throw new ChatTemplateException("chat template failed: " + fatal.stream()
                    .map(e -> (e.getLineno() > 0 ? "line " + e.getLineno() + ": " : "") + e.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return result.getOutput();
    }

    /** The template's {@code raise_exception(msg)}: stops rendering with the template's own message. */
    public static String raiseException(String message) {
        throw new ChatTemplateException("chat template raised: " + message);
    }

    /** {@code tojson} as Python's {@code json.dumps(x, ensure_ascii=False, indent=...)}. */
    private static final class ToJson implements Filter {

        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.get("indent");
            if (indent == null && args.length > 0) {
                indent = args[0];
            }
            return PythonJson.dumps(var, indent == null ? null : Integer.valueOf(indent.toString()));
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return filter(var, interpreter, args, new HashMap<>());
        }
    }
}
