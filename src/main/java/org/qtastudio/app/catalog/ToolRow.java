package org.qtastudio.app.catalog;

import java.util.Locale;
import org.qtastudio.catalog.Tool;

/** A tool as the table shows it, with its lower-cased search text computed once so filtering stays instant. */
public record ToolRow(Tool tool, String searchText) {

    public static ToolRow of(Tool tool) {
        return new ToolRow(tool, (tool.key() + ' ' + tool.name() + ' ' + tool.description()).toLowerCase(Locale.ROOT));
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
}
