package org.qtastudio.lm.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the two jinja2 constructs jinjava's expression parser reads differently, inside {@code {{ }}} and
 * {@code {% %}} tags only (string literals are left untouched):
 * <ul>
 * <li>slices with a step ({@code messages[::-1]}): jinjava parses {@code [a:b]} but not a step, so they
 * become the {@code python_slice(a, b, step)} filter;</li>
 * <li>keyword arguments whose value is an expression ({@code namespace(i=messages|length - 1)}): jinjava
 * binds {@code i=messages|length} first and then subtracts, so each keyword value is parenthesised (except in
 * macro signatures, which jinjava parses on its own).</li>
 * </ul>
 */
final class TemplateSource {

    private static final Pattern STEP_SLICE =
            Pattern.compile("\\[\\s*(-?\\d+)?\\s*:\\s*(-?\\d+)?\\s*:\\s*(-?\\d+)?\\s*\\]");

    private TemplateSource() {
    }

    static String normalise(String template) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            int open = nextTag(template, i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            String close = template.charAt(open + 1) == '{' ? "}}" : "%}";
            int end = closingTag(template, open + 2, close);
            out.append(template, i, open + 2);
            String body = template.substring(open + 2, end);
            // jinjava splits macro signatures itself: their defaults must stay unparenthesised
            boolean signature = body.replaceFirst("^[-+]?\\s*", "").startsWith("macro ");
            out.append(expression(body, !signature));
            i = end;
        }
        return out.toString();
    }

    private static int nextTag(String s, int from) {
        int a = s.indexOf("{{", from);
        int b = s.indexOf("{%", from);
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private static int closingTag(String s, int from, String close) {
        char quote = 0;
        for (int i = from; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (s.startsWith(close, i)) {
                return i;
            }
        }
        return s.length();
    }

    /** Rewrites one tag body: keyword values in parentheses (when asked), stepped slices as a filter. */
    private static String expression(String e, boolean keywords) {
        StringBuilder out = new StringBuilder();
        Deque<boolean[]> parens = new ArrayDeque<>(); // per open bracket: {isCall, inKeywordValue}
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '\'' || c == '"') {
                out.append(slices(code));
                code.setLength(0);
                int j = i + 1;
                while (j < e.length() && e.charAt(j) != c) {
                    j += e.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(e, i, Math.min(j + 1, e.length()));
                i = j;
                continue;
            }
            boolean top = !parens.isEmpty() && parens.peek()[0];
            if (c == '(' || c == '[' || c == '{') {
                parens.push(new boolean[] {c == '(', false});
                code.append(c);
            } else if ((c == ')' || c == ']' || c == '}') && !parens.isEmpty()) {
                if (parens.pop()[1]) {
                    code.append(')');
                }
                code.append(c);
            } else if (c == ',' && top && parens.peek()[1]) {
                parens.peek()[1] = false;
                code.append("),");
            } else if (keywords && c == '=' && top && !parens.peek()[1] && isAssignment(e, i)) {
                parens.peek()[1] = true;
                code.append("=(");
            } else {
                code.append(c);
            }
        }
        return out.append(slices(code)).toString();
    }

    private static boolean isAssignment(String e, int i) {
        char prev = i > 0 ? e.charAt(i - 1) : ' ';
        char next = i + 1 < e.length() ? e.charAt(i + 1) : ' ';
        return next != '=' && "=!<>".indexOf(prev) < 0;
    }

    private static String slices(CharSequence code) {
        Matcher m = STEP_SLICE.matcher(code);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, "|python_slice(" + orNone(m.group(1)) + ", " + orNone(m.group(2)) + ", "
                    + orNone(m.group(3)) + ")");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String orNone(String g) {
        return g == null ? "none" : g;
    }
}
