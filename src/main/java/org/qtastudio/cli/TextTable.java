package org.qtastudio.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns sized to their content, for terminal output. */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    public TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString().replace('\n', ' '));
        }
        rows.add(row);
        return this;
    }

    /** Prints the table; cells wider than {@code maxWidth} are cut with an ellipsis. */
    public void print(PrintWriter out, int maxWidth) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.min(maxWidth, Math.max(widths[i], row.get(i).length()));
            }
        }
        printRow(out, header, widths, maxWidth);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w)).append("  ");
        }
        out.println(rule.toString().stripTrailing());
        for (List<String> row : rows) {
            printRow(out, row, widths, maxWidth);
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths, int maxWidth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            if (cell.length() > maxWidth) {
                cell = cell.substring(0, maxWidth - 1) + "…";
            }
            sb.append(cell).append(" ".repeat(widths[i] - cell.length() + 2));
        }
        out.println(sb.toString().stripTrailing());
    }
}
