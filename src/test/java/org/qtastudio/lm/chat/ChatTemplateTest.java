package org.qtastudio.lm.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qtastudio.lm.LmFixtures;

class ChatTemplateTest {

    @Test
    void rendersEveryQwen3GoldenCaseExactly() throws Exception {
        Path dir = LmFixtures.qwen3Tokenizer();
        JsonNode config = LmFixtures.golden(dir, "tokenizer_config.json");
        ChatTemplate template = new ChatTemplate(config.get("chat_template").asText());
        JsonNode cases = LmFixtures.golden(dir, "chat_golden.json").get("cases");
        assertTrue(cases.size() > 0);
        for (JsonNode c : cases) {
            List<Map<String, Object>> messages = LmFixtures.JSON.convertValue(c.get("messages"),
                    new TypeReference<>() { });
            Map<String, Object> vars = new HashMap<>(LmFixtures.JSON.convertValue(c.get("extra"),
                    new TypeReference<Map<String, Object>>() { }));
            vars.put("eos_token", config.get("eos_token").asText());
            String got = template.render(messages, c.get("add_generation_prompt").asBoolean(), vars);
            assertEquals(c.get("expected").asText(), got, c.get("name").asText());
        }
    }

    @Test
    void pythonStringMethodsSlicingNamespaceAndTojson() {
        ChatTemplate t = new ChatTemplate("""
                {%- set ns = namespace(n=0) %}
                {%- for m in messages[::-1] %}{% set ns.n = ns.n + 1 %}{{ loop.index0 }}:{{ m.content.strip().upper() }}|{% endfor %}
                {{- ns.n }}|{{ 'a,b,,c'.split(',')[-1] }}|{{ '  x '.lstrip() }}|{{ 'abc'.startswith(('x', 'a')) }}
                {{- '|' }}{{ {'k': [1, 'v"'], 'b': true} | tojson }}|{{ 'aXbX'.replace('X', '-') }}""");
        String out = t.render(List.of(Map.of("content", " one "), Map.of("content", "two")), false, Map.of());
        assertEquals("0:TWO|1:ONE|2|c|x |true|{\"k\": [1, \"v\\\"\"], \"b\": true}|a-b-", out);
    }

    @Test
    void keywordArgumentsMacrosAndIndentedJson() {
        ChatTemplate t = new ChatTemplate("""
                {%- macro tag(name, close=false) %}<{{ '/' if close else '' }}{{ name }}>{% endmacro %}
                {{- tag('a') }}{{ tag('a', close=true) }}|{{ {'k': [1]} | tojson(indent=2) }}|{{ 'x' == 'x' }}""");
        assertEquals("<a></a>|{\n  \"k\": [\n    1\n  ]\n}|true", t.render(List.of(), false, Map.of()));
    }

    @Test
    void raiseExceptionStopsWithTheTemplatesMessage() {
        ChatTemplate t = new ChatTemplate("{{ raise_exception('roles must alternate') }}");
        ChatTemplateException e = assertThrows(ChatTemplateException.class,
                () -> t.render(List.of(), false, Map.of()));
        assertTrue(e.getMessage().contains("roles must alternate"), e.getMessage());
    }
}
