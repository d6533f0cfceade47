package org.qtastudio.cli;

/** How evaluation commands print results: a text table, Markdown, CSV, or one JSON object for scripts. */
public enum ReportFormat {
    text, markdown, csv, json
}
