package org.qtastudio.lm.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.CollectionTooBigException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.OutputTooBigException;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.TagNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jinjava.javax.el.CompositeELResolver;

/**
 * Renders a model's Jinja {@code chat_template} with Hugging Face semantics ({@code trim_blocks},
 * {@code lstrip_blocks}, Python string methods, Python-style {@code tojson}, {@code raise_exception}) on jinjava.
 * Template variables are plain Java maps, lists, strings, numbers and booleans.
 *
 * <p>A template comes with a downloaded model and is therefore untrusted: rendering is bounded in output and string
 * size, list size, nesting and time ({@link Limits}), so a hostile template stops with a
 * {@link ChatTemplateException} ("chat template of ... exceeds ...") instead of exhausting memory or spinning.
 */
public final class ChatTemplate {

    /**
     * Bounds on one rendering.
     *
     * @param maxChars longest output, and longest string built while rendering, in characters
     * @param maxListSize most elements in a list or map the template builds
     * @param maxTime longest a rendering may run; checked each time a {@code for} loop starts
     */
    public record Limits(long maxChars, int maxListSize, Duration maxTime) {

        /** Far above any real chat prompt (a few hundred kB with a tool catalog), far below the heap. */
        public static final Limits DEFAULT = new Limits(16L << 20, 100_000, Duration.ofSeconds(10));
    }

    private final String source;
    private final String origin;
    private final Limits limits;
    private final String normalised;
    private final Jinjava jinjava;

    /** A template of unnamed origin with the default limits (tests, built-in templates). */
    public ChatTemplate(String source) {
        this(source, "the model", Limits.DEFAULT);
    }

    /**
     * @param origin where the template comes from, for messages (e.g. the model's {@code tokenizer_config.json})
     */
    public ChatTemplate(String source, String origin, Limits limits) {
        this.source = source;
        this.origin = origin;
        this.limits = limits;
        this.normalised = TemplateSource.normalise(source);
        JinjavaConfig defaults = JinjavaConfig.newBuilder().build();
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonMethodResolver());
        resolver.add(defaults.getElResolver());
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withElResolver(resolver)
                .withMaxOutputSize(limits.maxChars())
                .withMaxStringLength(limits.maxChars())
                .withMaxListSize(limits.maxListSize())
                .withMaxMapSize(limits.maxListSize())
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
        jinjava.getGlobalContext().registerTag(new TimedForTag());
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
        RenderResult result;
        Long outer = DEADLINE.get();
        DEADLINE.set(System.nanoTime() + limits.maxTime().toNanos());
        try {
            result = jinjava.renderForResult(normalised, ctx);
        } catch (OutputTooBigException | CollectionTooBigException e) {
            throw exceeds(e);
        } finally {
            DEADLINE.set(outer);
        }
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        for (TemplateError e : fatal) {
            for (Throwable t = e.getException(); t != null; t = t.getCause()) {
                if (t instanceof ChatTemplateException raised) {
                    throw raised;
                }
                if (t instanceof OutputTooBigException || t instanceof CollectionTooBigException
                        || t instanceof TimeLimitException) {
                    throw exceeds(t);
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

    private ChatTemplateException exceeds(Throwable limit) {
        String what = limit instanceof TimeLimitException ? "the time limit of " + limits.maxTime().toSeconds() + " s"
                : limit instanceof CollectionTooBigException ? "the limit of " + limits.maxListSize()
                        + " elements in a list or map"
                : "the limit of " + limits.maxChars() + " characters in its output or a string";
        return new ChatTemplateException("chat template of " + origin + " exceeds " + what
                + "; it is not a usable chat template (check tokenizer_config.json's chat_template)");
    }

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    /** Thrown inside jinjava when the rendering runs past its deadline. */
    private static final class TimeLimitException extends RuntimeException {

        TimeLimitException() {
            super("chat template time limit reached");
        }
    }

    /**
     * jinjava's {@code for}, checking the deadline each time a loop starts: an inner loop starts once per iteration
     * of the outer one, and each single loop is bounded by jinjava's range and list limits.
     */
    private static final class TimedForTag extends ForTag {

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            Long deadline = DEADLINE.get();
            if (deadline != null && System.nanoTime() - deadline > 0) {
                throw new TimeLimitException();
            }
            return super.interpret(tagNode, interpreter);
        }
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
