package org.qtastudio.catalog;

/** What a tool list shows of a tool: reading only these columns keeps 100,000-tool catalogs quick to open. */
public record ToolSummary(String key, String name, String description) {
}
