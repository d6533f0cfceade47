package org.qtastudio.retrieval;

import java.util.List;
import org.qtastudio.catalog.Tool;

/** Small tool lists for unit tests. */
final class TestTools {

    private TestTools() {
    }

    static Tool tool(String key, String description) {
        return new Tool(key, key, description, null, null, List.of(), null, List.of(), "test", null);
    }

    static Tool rest(String method, String path, String description) {
        return new Tool(method + " " + path, path, description, method, path, List.of(), null, List.of(), "test", null);
    }
}
