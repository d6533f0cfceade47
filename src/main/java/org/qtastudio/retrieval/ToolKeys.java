package org.qtastudio.retrieval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qtastudio.catalog.Tool;

/**
 * The tool keys of a catalog in catalog order, with a lookup from key to position. Rankings refer to
 * tools by position so that ties can be broken by catalog order and large rankings stay compact.
 */
public final class ToolKeys {

    private final List<String> keys;
    private final Map<String, Integer> index;

    public ToolKeys(List<String> keys) {
        this.keys = List.copyOf(keys);
        this.index = new HashMap<>(keys.size() * 2);
        for (int i = 0; i < this.keys.size(); i++) {
            if (index.putIfAbsent(this.keys.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate tool key '" + this.keys.get(i) + "'");
            }
        }
    }

    public static ToolKeys of(List<Tool> tools) {
        return new ToolKeys(tools.stream().map(Tool::key).toList());
    }

    public int size() {
        return keys.size();
    }

    public String key(int position) {
        return keys.get(position);
    }

    /** The catalog position of a key, or -1 when the catalog has no such tool. */
    public int indexOf(String key) {
        return index.getOrDefault(key, -1);
    }

    public List<String> asList() {
        return keys;
    }
}
