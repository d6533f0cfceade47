package org.qtastudio.lm.store;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Repository ids and revisions as the Hugging Face hub accepts them, checked before they become folder names in
 * the model cache: {@code ..}, absolute paths and {@code a/b/../../c} never reach the file system.
 */
public final class HubIds {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,254}");

    private HubIds() {
    }

    /** Returns {@code repo} when it is a valid hub repository id ({@code name} or {@code org/name}); else throws. */
    public static String repo(String repo) {
        String[] parts = repo == null ? new String[0] : repo.split("/", -1);
        boolean ok = parts.length >= 1 && parts.length <= 2;
        for (String p : parts) {
            ok &= PART.matcher(p).matches() && !p.contains("--") && !p.contains("..") && !p.endsWith(".") && !p.endsWith(".git");
        }
        if (!ok) {
            throw new IllegalArgumentException("'" + repo + "' is not a hub repository id: use org/name with letters, digits, "
                    + "'-', '_' and '.' (no '..' or '--'), or give a local model folder");
        }
        return repo;
    }

    /** Returns {@code revision} when it is a valid branch, tag or commit name; else throws. */
    public static String revision(String revision) {
        boolean ok = revision != null && REVISION.matcher(revision).matches() && !revision.contains("..")
                && !revision.contains("//") && !revision.endsWith("/") && !revision.endsWith(".lock") && !revision.contains("--");
        if (!ok) {
            throw new IllegalArgumentException("'" + revision + "' is not a hub revision: a branch, tag or commit such as main");
        }
        return revision;
    }

    /** {@code dir.resolve(relative)}, refused when it would leave {@code dir}. */
    static Path inside(Path dir, String relative) {
        Path base = dir.toAbsolutePath().normalize();
        Path p = base.resolve(relative).normalize();
        if (!p.startsWith(base) || p.equals(base) || relative.startsWith("/") || relative.contains("\\")) {
            throw new IllegalArgumentException("the hub listed a file outside the model folder: '" + relative + "'");
        }
        return p;
    }
}
