package org.qtastudio.catalog;

/** A declared input of a tool; retrievers may index its name and description. */
public record ToolParameter(String name, String type, String description, boolean required) {

    public ToolParameter {
        description = description == null ? "" : description;
    }
}
