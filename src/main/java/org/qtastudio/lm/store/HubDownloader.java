package org.qtastudio.lm.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.qtastudio.common.Progress;

/**
 * Downloads files of a Hugging Face hub repository ({@code {endpoint}/{repo}/resolve/{revision}/{file}}) into a
 * folder. A file grows under {@code NAME.part} and becomes {@code NAME} only once its size and SHA-256 check
 * out; a dropped connection resumes with an HTTP Range request; a cancel leaves the part for the next try; a
 * checksum mismatch deletes the part and fails.
 */
public final class HubDownloader {

    /** The public hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER = 1 << 16;

    private final URI endpoint;
    private final HttpClient http;
    private final String token;
    private final int attempts;

    /**
     * @param endpoint hub base URL (tests point it at a loopback server)
     * @param token a hub access token for gated models, or {@code null}
     * @param attempts tries per file before giving up on repeated connection failures
     */
    public HubDownloader(URI endpoint, String token, int attempts) {
        this.endpoint = endpoint;
        this.token = token;
        this.attempts = attempts;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The endpoint from {@code HF_ENDPOINT} (else the public hub) and the token from {@code HF_TOKEN}. */
    public static HubDownloader fromEnvironment() {
        String ep = System.getenv("HF_ENDPOINT");
        return new HubDownloader(ep == null || ep.isBlank() ? DEFAULT_ENDPOINT : URI.create(ep),
                System.getenv("HF_TOKEN"), 5);
    }

    /** The repository's files at a revision, from {@code /api/models/{repo}/revision/{revision}?blobs=true}. */
    public List<HubFile> list(String repo, String revision) throws IOException {
        URI uri = URI.create(base() + "/api/models/" + repo + "/revision/" + encode(revision) + "?blobs=true");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri).GET(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(uri + ": HTTP " + r.statusCode() + (r.statusCode() == 401 || r.statusCode() == 403
                    ? " (a gated or private model: set HF_TOKEN)" : r.statusCode() == 404
                    ? " (no such repository or revision)" : ""));
        }
        List<HubFile> files = new ArrayList<>();
        for (JsonNode s : JSON.readTree(r.body()).path("siblings")) {
            JsonNode lfs = s.path("lfs");
            String sha = lfs.path("sha256").isTextual() ? lfs.get("sha256").asText() : null;
            long size = lfs.path("size").isNumber() ? lfs.get("size").asLong() : s.path("size").asLong(-1);
            files.add(new HubFile(s.path("rfilename").asText(), size, sha));
        }
        return files;
    }

    /**
     * Downloads one file to {@code target}, resuming a {@code target.part} left by an earlier try.
     *
     * @param progress reports bytes of this file; its cancel stops between chunks (the part is kept)
     */
    public void download(String repo, String revision, HubFile file, Path target, Progress progress)
            throws IOException {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        URI uri = URI.create(base() + "/" + repo + "/resolve/" + encode(revision) + "/" + file.path());
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            progress.checkCancelled();
            try {
                String announced = fetch(uri, part, file, progress);
                verify(file, part, announced);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (ChecksumMismatchException e) {
                Files.deleteIfExists(part);
                throw e;
            } catch (IOException e) {
                last = e; // connection trouble: resume from what the part holds
            }
        }
        throw new IOException(uri + ": download failed after " + attempts + " attempts: " + last.getMessage(), last);
    }

    /** Appends the missing bytes to the part; returns a SHA-256 the server announced in its headers, if any. */
    private String fetch(URI uri, Path part, HubFile file, Progress progress) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (file.size() >= 0 && have == file.size()) {
            return null;
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).GET();
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> r = send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            boolean append = r.statusCode() == 206;
            if (r.statusCode() == 416 && have > 0) {
                return announcedSha(r); // the part is already complete
            }
            if (r.statusCode() != 200 && !append) {
                throw new IOException(uri + ": HTTP " + r.statusCode());
            }
            if (!append) {
                have = 0;
            }
            long total = file.size() >= 0 ? file.size()
                    : r.headers().firstValueAsLong("Content-Length").orElse(-1) + have;
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    have += n;
                    progress.update(file.path(), have, total);
                    progress.checkCancelled();
                }
            }
            return announcedSha(r);
        }
    }

    private static String announcedSha(HttpResponse<?> r) {
        for (HttpResponse<?> x = r; x != null; x = x.previousResponse().orElse(null)) {
            HttpHeaders h = x.headers();
            for (String name : List.of("X-Linked-Etag", "ETag")) {
                Optional<String> v = h.firstValue(name).map(s -> s.replace("W/", "").replace("\"", "").trim());
                if (v.isPresent() && SHA256.matcher(v.get()).matches()) {
                    return v.get();
                }
            }
        }
        return null;
    }

    private static void verify(HubFile file, Path part, String announced) throws IOException {
        long size = Files.size(part);
        if (file.size() >= 0 && size != file.size()) {
            if (size > file.size()) {
                throw new ChecksumMismatchException(file.path() + ": got " + size + " bytes, the hub lists "
                        + file.size() + "; the file was deleted");
            }
            throw new IOException(file.path() + ": only " + size + " of " + file.size() + " bytes arrived");
        }
        String expected = file.sha256() != null ? file.sha256() : announced;
        if (expected == null) {
            return; // small git files: the hub gives a git blob id, not a SHA-256
        }
        String actual = sha256(part);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ChecksumMismatchException(file.path() + ": SHA-256 " + actual + " differs from the hub's "
                    + expected + "; the corrupted download was deleted");
        }
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder req, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        if (token != null && !token.isBlank()) {
            req.header("Authorization", "Bearer " + token);
        }
        req.header("User-Agent", "qta-studio");
        try {
            return http.send(req.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String base() {
        String s = endpoint.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String encode(String revision) {
        return URLEncoder.encode(revision, StandardCharsets.UTF_8);
    }
}
