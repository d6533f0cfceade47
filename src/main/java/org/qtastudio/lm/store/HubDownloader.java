package org.qtastudio.lm.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.qtastudio.common.Progress;

/**
 * Downloads files of a Hugging Face hub repository ({@code {endpoint}/{repo}/resolve/{revision}/{file}}) into a
 * folder. A file grows under {@code NAME.part} and becomes {@code NAME} only once its size and SHA-256 check
 * out; a dropped connection resumes with an HTTP Range request; a cancel leaves the part for the next try; a
 * checksum mismatch deletes the part and fails. A hub that stops answering cannot hang it: connecting, waiting for
 * the response headers and waiting for the next bytes of a body are each limited by the idle timeout, after which
 * the try fails with an {@link HttpTimeoutException} naming the URL (the part is kept, so a retry resumes).
 */
public final class HubDownloader {

    /** The public hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER = 1 << 16;
    /** How long the hub may stay silent (connect, headers, next bytes) unless a caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Closes silent bodies; cancelled alarms (one per read) leave its queue at once. */
    private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "hub-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    static {
        WATCHDOG.setRemoveOnCancelPolicy(true);
    }

    private final URI endpoint;
    private final HttpClient http;
    private final String token;
    private final int attempts;
    private final Duration timeout;

    /** A downloader that waits at most {@link #DEFAULT_TIMEOUT} for a silent hub. */
    public HubDownloader(URI endpoint, String token, int attempts) {
        this(endpoint, token, attempts, DEFAULT_TIMEOUT);
    }

    /**
     * @param endpoint hub base URL (tests point it at a loopback server)
     * @param token a hub access token for gated models, or {@code null}
     * @param attempts tries per file before giving up on repeated connection failures
     * @param timeout the longest the hub may stay silent: to connect, to send the response headers, or between two
     *     reads of a body
     */
    public HubDownloader(URI endpoint, String token, int attempts, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the download timeout must be positive, not " + timeout);
        }
        this.endpoint = endpoint;
        this.token = token;
        this.attempts = attempts;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build();
    }

    /** The endpoint from {@code HF_ENDPOINT} (else the public hub) and the token from {@code HF_TOKEN}. */
    public static HubDownloader fromEnvironment() {
        return new HubDownloader(environmentEndpoint(), System.getenv("HF_TOKEN"), 5);
    }

    /** An answer from the hub that a retry would not change: a refusal, a missing file, endless redirects. */
    static final class HubAnswerException extends IOException {
        HubAnswerException(String message) {
            super(message);
        }
    }

    /** The error for a status other than the one expected; server errors (5xx) stay retryable. */
    private static IOException statusError(URI uri, int status) {
        String why = switch (status) {
            case 401, 403 -> " (a gated or private model: set HF_TOKEN)";
            case 404 -> " (no such repository, revision or file)";
            default -> status >= 300 && status < 400 ? " (the hub kept redirecting: a redirect loop, or a proxy in the way?)" : "";
        };
        String message = uri + ": HTTP " + status + why;
        return status >= 300 && status < 500 ? new HubAnswerException(message) : new IOException(message);
    }

    /** {@code HF_ENDPOINT}, else the public hub. */
    public static URI environmentEndpoint() {
        String ep = System.getenv("HF_ENDPOINT");
        return ep == null || ep.isBlank() ? DEFAULT_ENDPOINT : URI.create(ep);
    }

    /** The repository's files at a revision, from {@code /api/models/{repo}/revision/{revision}?blobs=true}. */
    public List<HubFile> list(String repo, String revision) throws IOException {
        URI uri = URI.create(base() + "/api/models/" + repo + "/revision/" + encode(revision) + "?blobs=true");
        HttpResponse<InputStream> r = send(HttpRequest.newBuilder(uri).GET(), HttpResponse.BodyHandlers.ofInputStream());
        JsonNode listing;
        try (IdleLimitedStream in = new IdleLimitedStream(r.body(), uri)) {
            if (r.statusCode() != 200) {
                throw statusError(uri, r.statusCode());
            }
            listing = JSON.readTree(in);
        }
        List<HubFile> files = new ArrayList<>();
        for (JsonNode s : listing.path("siblings")) {
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
            } catch (HubAnswerException e) {
                throw e; // the hub answered; asking again gets the same answer
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
        try (IdleLimitedStream in = new IdleLimitedStream(r.body(), uri)) {
            boolean append = r.statusCode() == 206;
            if (r.statusCode() == 416 && have > 0) {
                return announcedSha(r); // the part is already complete
            }
            if (r.statusCode() != 200 && !append) {
                throw statusError(uri, r.statusCode());
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

    /**
     * A response body whose every read must return within the timeout: the HTTP client's stream has no read
     * timeout of its own, so a watchdog closes it (which wakes the blocked read) when the hub goes silent.
     */
    private final class IdleLimitedStream extends InputStream {

        private final InputStream in;
        private final URI uri;
        private volatile boolean stalled;

        IdleLimitedStream(InputStream in, URI uri) {
            this.in = in;
            this.uri = uri;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            ScheduledFuture<?> alarm = WATCHDOG.schedule(this::stall, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                if (stalled) {
                    HttpTimeoutException t = new HttpTimeoutException(uri + ": the hub sent nothing for "
                            + timeout.toSeconds() + " s");
                    t.initCause(e);
                    throw t;
                }
                throw e;
            } finally {
                alarm.cancel(false);
            }
        }

        private void stall() {
            stalled = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // the reader gets the failure from its read
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
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
        req.timeout(timeout); // until the response headers arrive
        try {
            return http.send(req.build(), handler);
        } catch (HttpConnectTimeoutException e) {
            throw (IOException) new HttpConnectTimeoutException(uri(req) + ": could not connect within "
                    + timeout.toSeconds() + " s").initCause(e);
        } catch (HttpTimeoutException e) {
            throw (IOException) new HttpTimeoutException(uri(req) + ": no answer within " + timeout.toSeconds()
                    + " s").initCause(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static URI uri(HttpRequest.Builder req) {
        return req.copy().build().uri();
    }

    private String base() {
        String s = endpoint.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String encode(String revision) {
        return URLEncoder.encode(revision, StandardCharsets.UTF_8);
    }
}
