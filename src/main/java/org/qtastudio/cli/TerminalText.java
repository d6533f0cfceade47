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

    /**
     * A stream for the terminal that shows C0 control bytes (except tab, line feed and carriage return) and DEL as
     * visible escapes. Byte-wise filtering is safe for UTF-8, whose multi-byte sequences never hold bytes below 0x80.
     */
    public static java.io.PrintStream filtered(java.io.OutputStream out) {
        java.io.OutputStream filter = new java.io.FilterOutputStream(out) {
            @Override
            public void write(int b) throws java.io.IOException {
                int c = b & 0xff;
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                    out.write(String.format("\\u%04x", c).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } else {
                    out.write(c);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                int start = off;
                for (int i = off; i < off + len; i++) {
                    int c = b[i] & 0xff;
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                        out.write(b, start, i - start);
                        write(c);
                        start = i + 1;
                    }
                }
                out.write(b, start, off + len - start);
            }
        };
        return new java.io.PrintStream(filter, true, java.nio.charset.StandardCharsets.UTF_8);
    }
}
