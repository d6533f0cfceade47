package org.qtastudio.catalog;

import java.nio.file.Path;

/**
 * Catalog names end up in file names (an export writes {@code OUT/<catalog>.tools.jsonl}) and on the terminal, so a
 * new catalog's name holds no path separators, no control characters and is at most {@link #MAX_LENGTH} characters;
 * a name stored by an older version that breaks these rules is made safe whenever it becomes a file name.
 */
public final class CatalogNames {

    /** The longest catalog name, in characters. */
    public static final int MAX_LENGTH = 120;

    private CatalogNames() {
    }

    /** Returns {@code name} when it may name a new catalog; otherwise throws with the reason. */
    public static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a catalog name must not be empty");
        }
        String problem = null;
        if (name.length() > MAX_LENGTH) {
            problem = "is longer than " + MAX_LENGTH + " characters";
        } else if (name.equals(".") || name.equals("..")) {
            problem = "is a folder reference";
        } else {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '/' || c == '\\') {
                    problem = "contains a path separator ('" + c + "')";
                    break;
                }
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= 0x202a && c <= 0x202e)
                        || (c >= 0x2066 && c <= 0x2069)) {
                    problem = "contains a control character (U+" + String.format("%04X", (int) c) + ")";
                    break;
                }
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("catalog name '" + printable(name) + "' " + problem
                    + "; choose a name without path separators or control characters (--catalog NAME)");
        }
        return name;
    }

    /** The name as a single safe file-name component: anything {@link #check} refuses becomes {@code _}. */
    public static String fileName(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            boolean bad = c == '/' || c == '\\' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == ':' || c == '*' || c == '?'
                    || c == '"' || c == '<' || c == '>' || c == '|';
            sb.append(bad ? '_' : c);
        }
        String s = sb.toString().strip();
        if (s.isEmpty() || s.chars().allMatch(ch -> ch == '.')) {
            s = "catalog" + s.replace('.', '_');
        }
        if (s.startsWith(".")) {
            s = "_" + s.substring(1);
        }
        return s;
    }

    /** {@code folder/<safe name><suffix>}, checked to lie directly inside {@code folder}. */
    public static Path fileIn(Path folder, String name, String suffix) {
        Path dir = folder.toAbsolutePath().normalize();
        Path file = dir.resolve(fileName(name) + suffix).normalize();
        if (!dir.equals(file.getParent())) {
            throw new IllegalArgumentException("refusing to write " + file + ": it is outside " + dir);
        }
        return file;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(MAX_LENGTH).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.length() < s.length() ? sb + "…" : sb.toString();
    }
}
