package org.qtastudio.app.catalog;

import java.util.Locale;
import org.qtastudio.catalog.ToolSummary;

/**
 * A tool as the tables show it, with its lower-cased search text computed once so filtering stays instant.
 * Rows are compared by identity: a table compares row lists when its items change, and comparing 100,000
 * rows by content would stall the FX thread.
 */
public final class ToolRow {

    private final ToolSummary tool;
    private final String searchText;

    private ToolRow(ToolSummary tool) {
        this.tool = tool;
        this.searchText = (tool.key() + ' ' + tool.name() + ' ' + tool.description()).toLowerCase(Locale.ROOT);
    }

    public static ToolRow of(ToolSummary tool) {
        return new ToolRow(tool);
    }

    public String key() {
        return tool.key();
    }

    public String name() {
        return tool.name();
    }

    public String description() {
        return tool.description();
    }

    /** Key, name and description in lower case, what {@link ToolFilter} matches typed words against. */
    public String searchText() {
        return searchText;
    }

    @Override
    public String toString() {
        return tool.key();
    }
}
