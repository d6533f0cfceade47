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
    void qwen3ToolsToolCallsAndToolResponses() throws Exception {
        JsonNode config = LmFixtures.golden(LmFixtures.qwen3Tokenizer(), "tokenizer_config.json");
        ChatTemplate template = new ChatTemplate(config.get("chat_template").asText());
        Map<String, Object> call = Map.of("function", Map.of("name", "get_weather",
                "arguments", new java.util.LinkedHashMap<>(Map.of("city", "Paris"))));
        List<Map<String, Object>> messages = List.of(
                Map.of("role", "user", "content", "weather in Paris?"),
                Map.of("role", "assistant", "content", "", "tool_calls", List.of(call)),
                Map.of("role", "tool", "content", "sunny"));
        assertEquals("<|im_start|>user\nweather in Paris?<|im_end|>\n<|im_start|>assistant\n<tool_call>\n"
                + "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\nsunny\n</tool_response><|im_end|>\n<|im_start|>assistant\n",
                template.render(messages, true, Map.of()));

        Map<String, Object> tool = new java.util.LinkedHashMap<>();
        tool.put("type", "function");
        tool.put("function", Map.of("name", "get_weather"));
        String withTools = template.render(List.of(Map.of("role", "user", "content", "hi")), true,
                Map.of("tools", List.of(tool)));
        assertEquals("<|im_start|>system\n# Tools\n\nYou may call one or more functions to assist with the user "
                + "query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
                + "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}\n</tools>\n\nFor each function "
                + "call, return a json object with function name and arguments within <tool_call></tool_call> XML "
                + "tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>"
                + "<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", withTools);
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
