package org.qtastudio.eval;

/** RFC 4180 quoting for CSV cells. */
public final class Csv {

    private Csv() {
    }

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
