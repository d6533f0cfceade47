package org.qtastudio.retrieval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.ToolParameter;

/**
 * A part of a tool that retrievers may index or embed. Which parts are used changes results a lot
 * (MTRB's BM25 saw only the description; method and path help), so it is part of every retriever's config.
 */
public enum TextField {
    KEY, NAME, DESCRIPTION, METHOD, PATH, PARAMETERS, CATEGORY, TAGS;

    /** The lower-case name used on the command line and in stored configs. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This field's text for a tool; empty when the tool has none. Parameters read as {@code name description} pairs. */
    public String of(Tool tool) {
        return switch (this) {
            case KEY -> tool.key();
            case NAME -> tool.name();
            case DESCRIPTION -> tool.description();
            case METHOD -> nullToEmpty(tool.method());
            case PATH -> nullToEmpty(tool.path());
            case PARAMETERS -> tool.parameters().stream().map(TextField::parameterText).collect(Collectors.joining(" "));
            case CATEGORY -> nullToEmpty(tool.category());
            case TAGS -> String.join(" ", tool.tags());
        };
    }

    /** The text of a tool as a retriever sees it: the chosen fields in the given order, non-empty ones joined by a space. */
    public static String document(Tool tool, List<TextField> fields) {
        List<String> parts = new ArrayList<>(fields.size());
        for (TextField field : fields) {
            String text = field.of(tool);
            if (!text.isBlank()) {
                parts.add(text);
            }
        }
        return String.join(" ", parts);
    }

    /** Parses a comma-separated list such as {@code method,path,description}; duplicates are dropped, order kept. */
    public static List<TextField> parseList(String text) {
        LinkedHashSet<TextField> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String id = part.strip();
            if (!id.isEmpty()) {
                out.add(parse(id));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no text fields given; choose from " + ids());
        }
        return List.copyOf(out);
    }

    @JsonCreator
    public static TextField parse(String id) {
        for (TextField f : values()) {
            if (f.id().equalsIgnoreCase(id.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown text field '" + id + "'; choose from " + ids());
    }

    /** Formats fields back into the command-line form. */
    public static String toList(List<TextField> fields) {
        return fields.stream().map(TextField::id).collect(Collectors.joining(","));
    }

    private static String ids() {
        return java.util.Arrays.stream(values()).map(TextField::id).collect(Collectors.joining(", "));
    }

    private static String parameterText(ToolParameter p) {
        return p.description().isBlank() ? nullToEmpty(p.name()) : nullToEmpty(p.name()) + " " + p.description();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
