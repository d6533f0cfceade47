package org.qtastudio.lm.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test HTTP server on 127.0.0.1 serving a folder in DJL's publishing layout ({@code <version>/files.txt} and the gzip
 * files it lists) the way S3 behind CloudFront does: Content-Length, an S3 ETag (MD5, or the multipart form with 8 MiB
 * parts above 8 MiB), HEAD, and range requests answered with 206. It can cut a file's first download short (a killed
 * download) and serve a wrong ETag for a file (a digest mismatch).
 */
public final class LoopbackMirror implements AutoCloseable {

    public record Request(String method, String path, String range) {
    }

    private final Path root;
    private final HttpServer server;
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** File path (relative, as in files.txt) → bytes after which its first GET is cut off. */
    final Map<String, Long> cutAfter = new ConcurrentHashMap<>();
    /** File path → ETag to announce instead of the true one. */
    final Map<String, String> wrongEtag = new ConcurrentHashMap<>();
    /** File path → bytes after which its GET stalls (holds the connection open) until the entry is removed. */
    final Map<String, Long> stallAfter = new ConcurrentHashMap<>();
    private final Map<Path, String> etags = new ConcurrentHashMap<>();

    public LoopbackMirror(Path root) throws IOException {
        this.root = root;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/pytorch";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String range = ex.getRequestHeaders().getFirst("Range");
            requests.add(new Request(ex.getRequestMethod(), path, range));
            if (!path.startsWith("/pytorch/")) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String rel = path.substring("/pytorch/".length());
            Path file = root.resolve(rel).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String key = rel.substring(rel.indexOf('/') + 1);
            long size = Files.size(file);
            String etag = "\"" + wrongEtag.getOrDefault(key, etag(file)) + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Accept-Ranges", "bytes");
            long from = 0;
            String ifRange = ex.getRequestHeaders().getFirst("If-Range");
            if (range != null && range.startsWith("bytes=") && range.endsWith("-") && (ifRange == null || ifRange.equals(etag))) {
                from = Long.parseLong(range.substring(6, range.length() - 1));
            }
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Length", Long.toString(size));
                ex.sendResponseHeaders(200, -1);
                return;
            }
            if (from > 0) {
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
                ex.sendResponseHeaders(206, size - from);
            } else {
                ex.sendResponseHeaders(200, size);
            }
            Long cut = cutAfter.remove(key);
            long limit = cut == null ? Long.MAX_VALUE : cut;
            try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
                in.skipNBytes(from);
                byte[] buf = new byte[1 << 16];
                long sent = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    int take = (int) Math.min(n, limit - sent);
                    Long stall = stallAfter.get(key);
                    if (stall != null && from + sent + take > stall) {
                        take = (int) Math.max(0, Math.min(take, stall - from - sent));
                        out.write(buf, 0, take);
                        out.flush();
                        sent += take;
                        while (stallAfter.containsKey(key)) { // the client is killed meanwhile
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        throw new IOException("stalled download released");
                    }
                    out.write(buf, 0, take);
                    sent += take;
                    if (sent >= limit) {
                        out.flush();
                        throw new IOException("download cut off on purpose after " + sent + " bytes");
                    }
                }
            }
        }
    }

    /** S3's ETag: MD5 of the object, or of the 8 MiB parts' MD5s followed by "-N" above 8 MiB. */
    private String etag(Path file) throws IOException {
        String cached = etags.get(file);
        if (cached != null) {
            return cached;
        }
        long part = 8L << 20;
        try {
            MessageDigest whole = MessageDigest.getInstance("MD5");
            MessageDigest one = MessageDigest.getInstance("MD5");
            int parts = 0;
            long in = 0;
            try (InputStream s = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = s.readNBytes(buf, 0, buf.length)) > 0; ) { // whole MiBs: parts end on a read
                    one.update(buf, 0, n);
                    in += n;
                    if (in == part) {
                        whole.update(one.digest());
                        parts++;
                        in = 0;
                    }
                }
            }
            String e;
            if (Files.size(file) <= part) {
                e = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
            } else {
                if (in > 0) {
                    whole.update(one.digest());
                    parts++;
                }
                e = HexFormat.of().formatHex(whole.digest()) + "-" + parts;
            }
            etags.put(file, e);
            return e;
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
