package org.qtastudio.lm.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.qtastudio.common.UserDataFolder;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Progress;

/**
 * The engine build store: builds of libtorch other than the bundled CPU one (the CUDA builds), downloaded on consent
 * from DJL's publishing site into {@code <data folder>/engines/<version>-<flavor>-<classifier>/}.
 *
 * <p>DJL's layout, as its loader ({@code ai.djl.pytorch.jni.LibUtils.downloadPyTorch}, DJL 0.36.0) reads it and its
 * build ({@code engines/pytorch/pytorch-native/build.gradle.kts}, task {@code uploadS3}) writes it:
 * {@code <base>/<version>/files.txt} lists one gzip file a line, {@code <flavor>/<classifier>/native/lib/<name>.gz}
 * with the name URL-encoded, and each listed file is at {@code <base>/<version>/<line>}. The list carries no sizes or
 * digests, so each file is checked against what the server says about it: its length, and its ETag where that is an
 * S3 MD5 (one part) or an S3 multipart ETag whose part size can be found; gzip's own CRC-32 and length check the
 * unpacked bytes. The unpacked files' SHA-256 digests are recorded in {@code build.json} and re-checked by
 * {@link #verify}.
 *
 * <p>Downloads resume (HTTP range requests, {@code If-Range} on the ETag) from
 * {@code engines/.download-<build>/}; the build is unpacked into {@code engines/.staging-<build>/}, checked, and only
 * then renamed into place, so a build folder is either complete or absent.
 */
public final class EngineStore {

    /** The PyTorch version of the bundled {@code pytorch-jni} (2.7.1-0.36.0). */
    public static final String TORCH_VERSION = "2.7.1";
    /** DJL's version, used by DJL to name the JNI library it looks for first in a libtorch folder. */
    public static final String DJL_VERSION = "0.36.0";
    /** The platform this store installs for. */
    public static final String CLASSIFIER = "linux-x86_64";
    /** DJL's publishing site. */
    public static final String DEFAULT_MIRROR = "https://publish.djl.ai/pytorch";
    /** Overrides the mirror (system property; the environment variable {@code QTA_ENGINE_MIRROR} too). */
    public static final String MIRROR_PROPERTY = "qta.engine.mirror";
    static final String MANIFEST = "build.json";
    static final String JNI_NAME = "libdjl_torch.so";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the JNI library (DJL's glue, shipped in {@code pytorch-jni}) for a flavour comes from. */
    @FunctionalInterface
    public interface JniSource {
        /** The {@code libdjl_torch.so} built for {@code flavor}, or null. */
        InputStream open(String flavor) throws IOException;

        /** The {@code pytorch-jni} jar on the class path: {@code jnilib/linux-x86_64/<flavor>/libdjl_torch.so}. */
        JniSource CLASS_PATH = flavor -> EngineStore.class.getClassLoader()
                .getResourceAsStream("jnilib/" + CLASSIFIER + "/" + flavor + "/" + JNI_NAME);
    }

    /** One file of a published build. */
    public record RemoteFile(String path, String name, long gzSize, String etag) {
    }

    /** What an install would download. */
    public record Plan(String flavor, String baseUrl, List<RemoteFile> files) {
        public long bytes() {
            return files.stream().mapToLong(RemoteFile::gzSize).sum();
        }
    }

    /** An installed build. */
    public record Build(String flavor, String version, Path dir, long bytes, String installedAt, String source) {
        public String id() {
            return dir.getFileName().toString();
        }
    }

    private final Path root;
    private final String mirror;
    private final JniSource jni;
    private final HttpClient http;

    public EngineStore(Path root, String mirror, JniSource jni) {
        this.root = root;
        this.mirror = mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror;
        this.jni = jni;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** The per-user store ({@code <data folder>/engines}) with the configured mirror. */
    public static EngineStore standard() {
        return new EngineStore(defaultRoot(), configuredMirror(), JniSource.CLASS_PATH);
    }

    public static Path defaultRoot() {
        return UserDataFolder.path().resolve("engines");
    }

    /** {@code -Dqta.engine.mirror}, else {@code $QTA_ENGINE_MIRROR}, else DJL's site. */
    public static String configuredMirror() {
        String p = System.getProperty(MIRROR_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv("QTA_ENGINE_MIRROR");
        }
        return p == null || p.isBlank() ? DEFAULT_MIRROR : p.strip();
    }

    public Path root() {
        return root;
    }

    public String mirror() {
        return mirror;
    }

    static String buildId(String flavor) {
        return TORCH_VERSION + "-" + flavor + "-" + CLASSIFIER;
    }

    /** The folder a build of {@code flavor} is (or would be) installed in. */
    public Path dirOf(String flavor) {
        return root.resolve(buildId(flavor));
    }

    /** Asks the site what {@code flavor} consists of (the file list, then each file's size): nothing is downloaded. */
    public Plan plan(String flavor) throws IOException {
        checkFlavor(flavor);
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IOException("the engine store installs " + CLASSIFIER + " builds and this is " + os + " " + arch
                    + "; point PYTORCH_LIBRARY_PATH at a CUDA libtorch " + TORCH_VERSION + " instead (PYTORCH_FLAVOR="
                    + flavor + ", PYTORCH_VERSION=" + TORCH_VERSION + ")");
        }
        String base = mirror + "/" + TORCH_VERSION;
        String index = getString(base + "/files.txt");
        String prefix = flavor + "/" + CLASSIFIER + "/";
        List<RemoteFile> files = new ArrayList<>();
        List<String> flavors = new ArrayList<>();
        for (String line : index.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String f = line.substring(0, Math.max(0, line.indexOf('/')));
            if (line.contains("/" + CLASSIFIER + "/") && !flavors.contains(f)) {
                flavors.add(f);
            }
            if (line.startsWith(prefix) && line.endsWith(".gz")) {
                String encoded = line.substring(line.lastIndexOf('/') + 1, line.length() - 3);
                String name = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
                if (name.contains("/") || name.startsWith(".") || name.equals(MANIFEST)) {
                    throw new EngineVerificationException("the file list names an unsafe file: " + line);
                }
                HttpResponse<Void> head = send(HttpRequest.newBuilder(URI.create(base + "/" + line))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
                long size = head.headers().firstValueAsLong("Content-Length").orElse(-1);
                files.add(new RemoteFile(line, name, size, head.headers().firstValue("ETag").orElse(null)));
            }
        }
        if (files.isEmpty()) {
            throw new IOException("the site publishes no " + flavor + " build of PyTorch " + TORCH_VERSION + " for "
                    + CLASSIFIER + " (it lists: " + String.join(", ", flavors) + "); see " + base + "/files.txt");
        }
        if (files.stream().noneMatch(f -> f.name().equals("libtorch.so"))) {
            throw new EngineVerificationException("the " + flavor + " build listed in " + base + "/files.txt has no libtorch.so");
        }
        return new Plan(flavor, base, List.copyOf(files));
    }

    /**
     * Downloads (resuming what an earlier try left), verifies and installs {@code flavor}. A build that is already
     * installed is returned as it is.
     */
    public Build install(String flavor, Progress progress) throws IOException {
        checkFlavor(flavor);
        Path target = dirOf(flavor);
        if (Files.isRegularFile(target.resolve(MANIFEST))) {
            return read(target);
        }
        Plan plan = plan(flavor);
        Files.createDirectories(root);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(root.resolve(".install-" + buildId(flavor)
                + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             java.nio.channels.FileLock lock = ch.tryLock()) {
            if (lock == null) {
                throw new IOException("another install of " + buildId(flavor) + " is running (in another window or "
                        + "command); wait for it to finish");
            }
            if (Files.isRegularFile(target.resolve(MANIFEST))) {
                return read(target);
            }
            deleteTree(target); // never complete (no manifest): cannot be a build
            return installLocked(flavor, plan, target, progress);
        }
    }

    private Build installLocked(String flavor, Plan plan, Path target, Progress progress) throws IOException {
        Path download = root.resolve(".download-" + buildId(flavor));
        Path staging = root.resolve(".staging-" + buildId(flavor));
        deleteTree(staging);
        Files.createDirectories(download);
        long total = plan.bytes();
        long done = 0;
        for (RemoteFile f : plan.files()) {
            Path part = download.resolve(f.name() + ".gz");
            fetch(plan.baseUrl() + "/" + f.path(), part, f, done, total, progress);
            done += Files.size(part);
        }
        try {
            Files.createDirectories(staging);
            ArrayNode files = JSON.createArrayNode();
            long unpacked = 0;
            for (RemoteFile f : plan.files()) {
                progress.checkCancelled();
                Path gz = download.resolve(f.name() + ".gz");
                String etagCheck = checkEtag(gz, f);
                progress.update("Unpacking " + f.name(), unpacked, plan.files().size());
                MessageDigest sha = sha256();
                long size = 0;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
                     OutputStream out = Files.newOutputStream(staging.resolve(f.name()))) {
                    byte[] buf = new byte[1 << 20];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        out.write(buf, 0, n);
                        sha.update(buf, 0, n);
                        size += n;
                    }
                } catch (java.util.zip.ZipException | java.io.EOFException e) {
                    Files.deleteIfExists(gz);
                    throw new EngineVerificationException(f.name() + ".gz is corrupt (" + e.getMessage()
                            + "); it was deleted, nothing was installed");
                }
                unpacked++;
                ObjectNode o = files.addObject();
                o.put("name", f.name());
                o.put("size", size);
                o.put("sha256", HexFormat.of().formatHex(sha.digest()));
                o.put("gzSize", f.gzSize());
                o.put("etag", f.etag());
                o.put("etagCheck", etagCheck);
            }
            try (InputStream in = jni.open(flavor)) {
                if (in == null) {
                    throw new IOException("the pytorch-jni jar on the class path has no " + flavor + " JNI library "
                            + "(jnilib/" + CLASSIFIER + "/" + flavor + "/" + JNI_NAME + ")");
                }
                Files.copy(in, staging.resolve(JNI_NAME));
            }
            ObjectNode o = files.addObject();
            o.put("name", JNI_NAME);
            o.put("size", Files.size(staging.resolve(JNI_NAME)));
            o.put("sha256", sha256(staging.resolve(JNI_NAME)));
            o.put("from", "pytorch-jni-" + TORCH_VERSION + "-" + DJL_VERSION + ".jar");
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("torchVersion", TORCH_VERSION);
            manifest.put("flavor", flavor);
            manifest.put("classifier", CLASSIFIER);
            manifest.put("djlVersion", DJL_VERSION);
            manifest.put("source", plan.baseUrl() + "/files.txt");
            manifest.put("installedAt", Instant.now().toString());
            manifest.set("files", files);
            JSON.writerWithDefaultPrettyPrinter().writeValue(staging.resolve(MANIFEST).toFile(), manifest);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            deleteTree(download);
            progress.update("Installed " + buildId(flavor), total, total);
            return read(target);
        } finally {
            deleteTree(staging);
        }
    }

    /** The installed builds, newest flavour first. Folders without a manifest (never complete) are not builds. */
    public List<Build> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Build> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                if (Files.isRegularFile(p.resolve(MANIFEST))) {
                    out.add(read(p));
                }
            }
        }
        out.sort(Comparator.comparing(Build::flavor).reversed());
        return out;
    }

    /** The installed build of {@code flavor}, or null. */
    public Build find(String flavor) throws IOException {
        Path dir = dirOf(flavor);
        return Files.isRegularFile(dir.resolve(MANIFEST)) ? read(dir) : null;
    }

    /**
     * Checks an installed build against its manifest: every file present with its size, and with {@code digests}
     * its SHA-256 too. Returns null when it is intact, else what is wrong.
     */
    public String verify(Build build, boolean digests) throws IOException {
        JsonNode m = JSON.readTree(build.dir().resolve(MANIFEST).toFile());
        for (JsonNode f : m.get("files")) {
            Path p = build.dir().resolve(f.get("name").asText());
            if (!Files.isRegularFile(p)) {
                return f.get("name").asText() + " is missing";
            }
            if (Files.size(p) != f.get("size").asLong()) {
                return f.get("name").asText() + " has " + Files.size(p) + " bytes, expected " + f.get("size").asLong();
            }
            if (digests && !sha256(p).equals(f.get("sha256").asText())) {
                return f.get("name").asText() + " does not match its SHA-256 digest";
            }
        }
        return null;
    }

    /** Removes a build (renamed away first, so it is never seen half-deleted); also any unfinished download. */
    public boolean remove(String flavor) throws IOException {
        checkFlavor(flavor);
        deleteTree(root.resolve(".download-" + buildId(flavor)));
        deleteTree(root.resolve(".staging-" + buildId(flavor)));
        Path dir = dirOf(flavor);
        if (!Files.exists(dir)) {
            return false;
        }
        Path gone = root.resolve(".removing-" + buildId(flavor) + "-" + System.nanoTime());
        Files.move(dir, gone, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(gone);
        return true;
    }

    /** Bytes of an unfinished download of {@code flavor} kept for resuming (0 when none). */
    public long partialBytes(String flavor) throws IOException {
        Path download = root.resolve(".download-" + buildId(flavor));
        if (!Files.isDirectory(download)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(download)) {
            long sum = 0;
            for (Path p : s.toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    private Build read(Path dir) throws IOException {
        JsonNode m = JSON.readTree(dir.resolve(MANIFEST).toFile());
        long bytes = 0;
        for (JsonNode f : m.get("files")) {
            bytes += f.get("size").asLong();
        }
        return new Build(m.get("flavor").asText(), m.get("torchVersion").asText(), dir, bytes,
                m.path("installedAt").asText(""), m.path("source").asText(""));
    }

    private static void checkFlavor(String flavor) {
        if (flavor == null || !flavor.matches("cu\\d{3}|cpu")) {
            throw new IllegalArgumentException("engine flavour '" + flavor + "': use a CUDA flavour such as cu128");
        }
    }

    /** Downloads {@code url} into {@code part}, continuing a partial file when the server allows it. */
    private void fetch(String url, Path part, RemoteFile f, long before, long total, Progress progress) throws IOException {
        Path meta = part.resolveSibling(part.getFileName() + ".etag");
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        String savedEtag = Files.isRegularFile(meta) ? Files.readString(meta).strip() : null;
        if (have > 0 && f.etag() != null && savedEtag != null && !savedEtag.equals(f.etag())) {
            have = 0; // the file changed on the server since the partial download
        }
        if (f.gzSize() >= 0 && have == f.gzSize()) {
            return;
        }
        if (f.gzSize() >= 0 && have > f.gzSize()) {
            have = 0;
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url));
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
            if (f.etag() != null) {
                req.header("If-Range", f.etag());
            }
        }
        HttpResponse<InputStream> r = send(req.GET(), HttpResponse.BodyHandlers.ofInputStream());
        boolean append = r.statusCode() == 206;
        if (r.statusCode() != 200 && !append) {
            r.body().close();
            throw new IOException(url + ": HTTP " + r.statusCode());
        }
        if (!append) {
            have = 0;
        }
        if (f.etag() != null) {
            Files.writeString(meta, f.etag());
        }
        long done = have;
        try (InputStream in = r.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            long lastReport = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                done += n;
                if (done - lastReport >= 1 << 20) {
                    lastReport = done;
                    if (progress.isCancelled()) {
                        throw new CancelledException();
                    }
                    progress.update("Downloading " + f.name(), before + done, total);
                }
            }
        }
        progress.update("Downloading " + f.name(), before + done, total);
        if (f.gzSize() >= 0 && done != f.gzSize()) {
            throw new IOException(f.name() + ".gz: the download stopped at " + done + " of " + f.gzSize()
                    + " bytes; run the install again to resume");
        }
    }

    /**
     * Checks the downloaded gzip file against its ETag: an S3 ETag is the MD5 of the object (one part) or the MD5 of
     * the parts' MD5s followed by "-N" (multipart; the AWS CLI's default part size is 8 MiB). Returns what was
     * checked; throws when the file contradicts its ETag (and deletes it).
     */
    static String checkEtag(Path gz, RemoteFile f) throws IOException {
        long size = Files.size(gz);
        if (f.gzSize() >= 0 && size != f.gzSize()) {
            Files.deleteIfExists(gz);
            throw new EngineVerificationException(f.name() + ".gz has " + size + " bytes, the site says " + f.gzSize()
                    + "; it was deleted, nothing was installed");
        }
        String etag = f.etag() == null ? null : f.etag().replace("W/", "").replace("\"", "").strip().toLowerCase(Locale.ROOT);
        if (etag == null || etag.isEmpty()) {
            return "size only (no ETag)";
        }
        if (etag.matches("[0-9a-f]{32}")) {
            String md5 = md5Parts(gz, Long.MAX_VALUE);
            if (!md5.equals(etag)) {
                Files.deleteIfExists(gz);
                throw new EngineVerificationException(f.name() + ".gz does not match its MD5 digest (ETag " + etag
                        + ", got " + md5 + "); it was deleted, nothing was installed");
            }
            return "md5";
        }
        if (etag.matches("[0-9a-f]{32}-\\d+")) {
            int parts = Integer.parseInt(etag.substring(33));
            List<Long> candidates = new ArrayList<>();
            for (long mib : new long[] {8, 16, 5, 10, 32, 64, 100, 15, 50}) {
                long p = mib << 20;
                if ((size + p - 1) / p == parts) {
                    candidates.add(p);
                }
            }
            for (long p : candidates) {
                if (md5Parts(gz, p).equals(etag)) {
                    return "md5 of " + parts + " parts of " + (p >> 20) + " MiB";
                }
            }
            if (!candidates.isEmpty() && candidates.contains(8L << 20)) {
                Files.deleteIfExists(gz);
                throw new EngineVerificationException(f.name() + ".gz does not match its multipart MD5 digest (ETag "
                        + etag + "); it was deleted, nothing was installed");
            }
            return "size only (multipart ETag with an unknown part size)";
        }
        return "size only (ETag is not an MD5)";
    }

    /** MD5 hex of the whole file ({@code partSize} = MAX), or the S3 multipart form for that part size. */
    private static String md5Parts(Path file, long partSize) throws IOException {
        MessageDigest whole = md5();
        MessageDigest part = md5();
        int count = 0;
        long inPart = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                int off = 0;
                while (off < n) {
                    int take = (int) Math.min(n - off, partSize - inPart);
                    part.update(buf, off, take);
                    off += take;
                    inPart += take;
                    if (inPart == partSize) {
                        whole.update(part.digest());
                        count++;
                        inPart = 0;
                    }
                }
            }
        }
        if (partSize == Long.MAX_VALUE) {
            return HexFormat.of().formatHex(part.digest());
        }
        if (inPart > 0) {
            whole.update(part.digest());
            count++;
        }
        return HexFormat.of().formatHex(whole.digest()) + "-" + count;
    }

    private String getString(String url) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + r.statusCode());
        }
        return r.body();
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder req, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            HttpResponse<T> r = http.send(req.header("User-Agent", "qta-studio").timeout(Duration.ofMinutes(10)).build(), body);
            if (r.statusCode() >= 400 && r.request().method().equals("HEAD")) {
                throw new IOException(r.request().uri() + ": HTTP " + r.statusCode());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    static String sha256(Path p) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
