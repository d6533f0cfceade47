package org.qtastudio.lm.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qtastudio.common.Progress;

/**
 * Where models come from: a local folder as is, or a hub repository downloaded once into a cache folder
 * ({@code CACHE/REPO-with---for-/REVISION/}). Only what the engine reads is fetched: JSON configs, safetensors
 * weights and tokenizer files; pickle checkpoints never.
 */
public final class ModelStore {

    private static final String COMPLETE = ".complete";

    private final Path cacheDir;
    private final HubDownloader hub;

    public ModelStore(Path cacheDir, HubDownloader hub) {
        this.cacheDir = cacheDir;
        this.hub = hub;
    }

    /** {@code $QTA_MODEL_CACHE}, else {@code ~/.cache/qta-studio/models}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("QTA_MODEL_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "qta-studio", "models");
    }

    /** A local model folder as given, or the cached download of a hub repository (fetched when missing). */
    public Path resolve(String modelRef, String revision, Progress progress) throws IOException {
        Path local = Path.of(modelRef);
        if (Files.isDirectory(local)) {
            return local;
        }
        if (!modelRef.matches("[\\w.-]+/[\\w.-]+")) {
            throw new IOException(modelRef + ": neither a folder nor a hub repository id like org/name");
        }
        HubIds.repo(modelRef);
        return download(modelRef, revision, progress);
    }

    /** The cache folder of a repository at a revision (it may not exist yet). */
    public Path folderFor(String repo, String revision) {
        HubIds.repo(repo);
        HubIds.revision(revision);
        return cacheDir.resolve(repo.replace("/", "--")).resolve(revision.replace("/", "--"));
    }

    /** Downloads the files the engine needs, skipping those already complete; returns the folder. */
    public Path download(String repo, String revision, Progress progress) throws IOException {
        Path dir = folderFor(repo, revision);
        if (Files.isRegularFile(dir.resolve(COMPLETE))) {
            return dir;
        }
        List<HubFile> wanted = new ArrayList<>();
        boolean pickles = false;
        for (HubFile f : hub.list(repo, revision)) {
            if (wanted(f.path())) {
                wanted.add(f);
            }
            pickles |= f.path().endsWith(".bin") || f.path().endsWith(".pt") || f.path().endsWith(".pth");
        }
        if (wanted.stream().noneMatch(f -> f.path().endsWith(".safetensors"))) {
            throw new IOException(repo + "@" + revision + ": has no safetensors weights"
                    + (pickles ? " (only pickle files, which this application does not load: they can run code)" : ""));
        }
        long total = wanted.stream().mapToLong(f -> Math.max(0, f.size())).sum();
        long done = 0;
        for (HubFile f : wanted) {
            Path target = HubIds.inside(dir, f.path());
            if (!Files.isRegularFile(target) || (f.size() >= 0 && Files.size(target) != f.size())) {
                long before = done;
                hub.download(repo, revision, f, target, new Progress() {
                    @Override
                    public void update(String message, long fileDone, long fileTotal) {
                        progress.update("downloading " + repo + ": " + message, before + fileDone, total);
                    }

                    @Override
                    public boolean isCancelled() {
                        return progress.isCancelled();
                    }
                });
            }
            done += Math.max(0, f.size());
        }
        Files.writeString(dir.resolve(COMPLETE), revision);
        return dir;
    }

    static boolean wanted(String path) {
        if (path.contains("/")) {
            return false; // sub-folders hold other formats (onnx/, original/ ...)
        }
        return path.endsWith(".json") || path.endsWith(".safetensors") || path.equals("tokenizer.model")
                || path.equals("merges.txt") || path.startsWith("vocab.");
    }
}
