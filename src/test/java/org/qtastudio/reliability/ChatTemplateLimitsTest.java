package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qtastudio.lm.chat.ChatTemplate;
import org.qtastudio.lm.chat.ChatTemplateException;

/**
 * Issue 13 item 12: a model's chat template is untrusted input; one that builds a huge string, a huge list or loops
 * for ever stops with "chat template of ... exceeds ..." instead of an OutOfMemoryError or a hang.
 */
class ChatTemplateLimitsTest {

    private static final String ORIGIN = "/models/evil/tokenizer_config.json";
    private static final List<Map<String, Object>> CHAT = List.of(Map.of("role", "user", "content", "hi"));

    @Test
    @Timeout(60)
    void aStringDoubledFortyTimesStopsAtTheSizeLimit() {
        // 2^40 characters: about 2 TB, an OutOfMemoryError without a limit
        String doubling = "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
                + "{% endfor %}{{ ns.s }}";
        ChatTemplateException e = assertThrows(ChatTemplateException.class,
                () -> template(doubling, Duration.ofSeconds(30)).render(CHAT, true, Map.of()));
        assertTrue(e.getMessage().startsWith("chat template of " + ORIGIN + " exceeds the limit of 16777216 characters"),
                e.getMessage());
    }

    @Test
    @Timeout(60)
    void aListGrownWithoutEndStopsAtTheListLimit() {
        String growing = "{% set l = [] %}{% for i in range(1000) %}{% for j in range(1000) %}{% do l.append(j) %}"
                + "{% endfor %}{% endfor %}{{ l|length }}";
        ChatTemplateException e = assertThrows(ChatTemplateException.class,
                () -> template(growing, Duration.ofSeconds(30)).render(CHAT, true, Map.of()));
        assertTrue(e.getMessage().contains("exceeds the limit of 100000 elements"), e.getMessage());
    }

    @Test
    @Timeout(60)
    void loopsThatRunForMinutesStopAtTheTimeLimit() {
        // 10^9 empty iterations: about a minute and a half unbounded
        String spinning = "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
                + "{% endfor %}{% endfor %}{% endfor %}done";
        long t0 = System.nanoTime();
        ChatTemplateException e = assertThrows(ChatTemplateException.class,
                () -> template(spinning, Duration.ofSeconds(1)).render(CHAT, true, Map.of()));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(e.getMessage().contains("exceeds the time limit of 1 s"), e.getMessage());
        assertTrue(ms < 10_000, "stopped after " + ms + " ms");
    }

    @Test
    void anOrdinaryTemplateRendersUnderTheSameLimits() {
        String chatml = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
                + "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";
        assertEquals("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
                template(chatml, Duration.ofSeconds(1)).render(CHAT, true, Map.of()));
    }

    private static ChatTemplate template(String source, Duration time) {
        return new ChatTemplate(source, ORIGIN, new ChatTemplate.Limits(ChatTemplate.Limits.DEFAULT.maxChars(),
                ChatTemplate.Limits.DEFAULT.maxListSize(), time));
    }
}
