package org.qtastudio.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.common.Json;

/**
 * The alignment settings a {@link ExperimentSpec.Kind#settings} grid can vary, by their {@code align} option names,
 * and how a value given as text replaces one in {@link AlignSettings} (validated by its constructor).
 */
public final class SettingGrid {

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("samples", "samples"), Map.entry("beta", "beta"), Map.entry("ranking-function", "rankingFunction"),
            Map.entry("tool-docs", "toolDocuments"), Map.entry("lr", "learningRate"), Map.entry("epochs", "epochs"),
            Map.entry("rounds", "rounds"), Map.entry("temperature", "temperature"), Map.entry("lora-rank", "loraRank"),
            Map.entry("max-new-tokens", "maxNewTokens"), Map.entry("sft-weight", "sftWeight"));

    /** The names accepted besides {@code retriever}, sorted. */
    public static final List<String> NAMES = FIELDS.keySet().stream().sorted().toList();

    private SettingGrid() {
    }

    /** {@code base} with setting {@code name} set to {@code value}; an error names the setting and the value. */
    public static AlignSettings apply(AlignSettings base, String name, String value) {
        String field = FIELDS.get(name);
        if (field == null) {
            throw new IllegalArgumentException("--setting: unknown setting '" + name + "' (expected one of "
                    + String.join(", ", NAMES) + " or retriever)");
        }
        ObjectNode tree = Json.MAPPER.valueToTree(base);
        tree.put(field, value.strip());
        try {
            return Json.MAPPER.treeToValue(tree, AlignSettings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("--values: " + name + " = '" + value + "' is not valid: " + root.getMessage(), e);
        }
    }
}
