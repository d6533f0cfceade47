package org.qtastudio.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small table of results rendered as Markdown (docs, reports) or CSV (spreadsheets); the CLI prints it as text too. */
public final class ReportTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public ReportTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public ReportTable row(List<?> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(cells.stream().map(c -> c == null ? "" : c.toString()).toList());
        return this;
    }

    public List<String> header() {
        return header;
    }

    public List<List<String>> rows() {
        return rows;
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header.stream().map(ReportTable::mdCell).toList())).append(" |\n");
        sb.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            sb.append("| ").append(String.join(" | ", row.stream().map(ReportTable::mdCell).toList())).append(" |\n");
        }
        return sb.toString();
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", header.stream().map(Csv::cell).toList())).append('\n');
        for (List<String> row : rows) {
            sb.append(String.join(",", row.stream().map(Csv::cell).toList())).append('\n');
        }
        return sb.toString();
    }

    /** Two decimals, the way MTRB and the paper report percentages. */
    public static String pct(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String mdCell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
