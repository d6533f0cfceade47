package org.qtastudio.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qtastudio.catalog.Tool;

/**
 * The conversation that asks the LM for a rewrite: the instruction as the system message, then a user
 * message with a few tool documents (so the model sees how the catalog is written) and the query.
 */
public final class RewritePrompt {

    private static final int MAX_DOCUMENT_CHARS = 400;

    private RewritePrompt() {
    }

    public static List<Map<String, Object>> messages(String instruction, String query, List<Tool> documents) {
        StringBuilder user = new StringBuilder();
        if (!documents.isEmpty()) {
            user.append("Tool documents:\n");
            int i = 1;
            for (Tool t : documents) {
                user.append('[').append(i++).append("] ").append(describe(t)).append('\n');
            }
            user.append('\n');
        }
        user.append("Request: ").append(query.strip()).append("\nRewritten request:");
        List<Map<String, Object>> messages = new ArrayList<>();
        messages.add(Map.of("role", "system", "content", instruction));
        messages.add(Map.of("role", "user", "content", user.toString()));
        return messages;
    }

    private static String describe(Tool t) {
        String head = t.method() != null ? t.method() + " " + t.path() : t.name();
        String text = head + ": " + t.description().strip().replace('\n', ' ');
        return text.length() <= MAX_DOCUMENT_CHARS ? text : text.substring(0, MAX_DOCUMENT_CHARS - 1) + "…";
    }
}
