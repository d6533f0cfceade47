package org.qtastudio.cli;

/** How listing commands print: a table for people, JSON for scripts. */
public enum OutputFormat {
    text, json
}
