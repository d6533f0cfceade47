package org.qtastudio.eval;

import java.util.regex.Pattern;

/**
 * RFC 4180 quoting for CSV cells, with OWASP's rule against CSV injection: a text cell that a spreadsheet would
 * run as a formula (it starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) is
 * prefixed with a single quote. Numbers such as {@code -0.25} are left as they are.
 */
public final class Csv {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private Csv() {
    }

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = neutralised(value);
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** {@code value}, prefixed with {@code '} when a spreadsheet would otherwise evaluate it. */
    public static String neutralised(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky && !NUMBER.matcher(value).matches() ? "'" + value : value;
    }
}
