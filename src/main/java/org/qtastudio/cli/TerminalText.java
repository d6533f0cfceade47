package org.qtastudio.cli;

/**
 * Data printed to a terminal (tool names, descriptions, query texts, error messages) may carry control characters
 * that a terminal obeys: ESC sequences that set its title or clear the screen, bells, backspaces, BiDi overrides.
 * Everything the CLI prints from stored data goes through {@link #clean(String)}.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * Replaces control characters (C0 except tab and line breaks, DEL, C1, and the Unicode BiDi controls) by
     * visible escapes (backslash, u, four hex digits), so nothing reaches the terminal that it would act on.
     */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f)
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == '\r';
            if (control) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
