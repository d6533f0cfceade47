package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;

/**
 * Issue 13 item 9: {@code lm download} against a loopback hub that stops sending, once before the response headers
 * and once in the middle of a body. Both fail within the timeout with one line, and the bytes that did arrive are
 * kept so that the next run resumes.
 */
class StalledHubTest {

    private static final String REPO = "test-org/stall";
    private static final String WEIGHTS = "model.safetensors";
    private static final byte[] DATA = new byte[200_000];

    /** How the server treats the weights file. */
    private enum Mode { NORMAL, STALL_BEFORE_HEADERS, STALL_AFTER_HALF, STALL_IN_LISTING, REDIRECT_LOOP }

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService threads;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.NORMAL;

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = (byte) (i * 31 + 7);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/api/models/" + REPO + "/revision/main", this::listing);
        server.createContext("/" + REPO + "/resolve/main/config.json", ex -> send(ex, "{}".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/" + REPO + "/resolve/main/" + WEIGHTS, this::weights);
        server.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(60)
    void aHubSilentBeforeItsHeadersTimesOut() {
        mode = Mode.STALL_BEFORE_HEADERS;
        long t0 = System.nanoTime();
        CliRun.Result r = download();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("stopped answering (timed out)") && r.err().contains("127.0.0.1"), r.err());
        assertEquals(List.of(), Cli.stackFrames(r.all()));
        assertTrue(seconds < 30, "five tries of one second each, not a hang: " + seconds + " s");
    }

    @Test
    @Timeout(60)
    void aHubSilentInTheMiddleOfItsFileListTimesOut() {
        mode = Mode.STALL_IN_LISTING;
        CliRun.Result r = download();
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("stopped answering (timed out)") && r.err().contains("127.0.0.1"), r.err());
        assertEquals(List.of(), Cli.stackFrames(r.all()));
    }

    @Test
    @Timeout(60)
    void aHubSilentInTheMiddleOfABodyTimesOutAndTheNextRunResumes() throws IOException {
        mode = Mode.STALL_AFTER_HALF;
        CliRun.Result r = download();
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("stopped answering (timed out)"), r.err());
        assertEquals(List.of(), Cli.stackFrames(r.all()));
        Path folder = dir.resolve("cache").resolve("test-org--stall").resolve("main");
        assertEquals(DATA.length / 2, Files.size(folder.resolve(WEIGHTS + ".part")), "the half that arrived is kept");
        assertFalse(Files.exists(folder.resolve(WEIGHTS)));

        mode = Mode.NORMAL;
        CliRun.Result again = download();
        assertEquals(0, again.code(), again.all());
        assertArrayEquals(DATA, Files.readAllBytes(folder.resolve(WEIGHTS)));
        assertEquals("bytes=" + DATA.length / 2 + "-", ranges.getLast(), "the second run resumed the part");
    }

    @Test
    @Timeout(60)
    void aHubThatRedirectsInACircleIsReportedNotFollowedForever() {
        mode = Mode.REDIRECT_LOOP;
        CliRun.Result r = download();
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("redirect"), r.err());
        assertEquals(List.of(), Cli.stackFrames(r.all()));
    }

    private CliRun.Result download() {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        return Cli.run("lm", "download", "--cache", dir.resolve("cache").toString(), "--endpoint", endpoint,
                "--timeout", "1", REPO);
    }

    private void listing(HttpExchange ex) throws IOException {
        byte[] body = ("{\"siblings\":[{\"rfilename\":\"config.json\",\"size\":2},"
                + "{\"rfilename\":\"" + WEIGHTS + "\",\"size\":" + DATA.length + "}]}").getBytes(StandardCharsets.UTF_8);
        if (mode != Mode.STALL_IN_LISTING) {
            send(ex, body);
            return;
        }
        ex.sendResponseHeaders(200, body.length);
        try {
            ex.getResponseBody().write(body, 0, 10);
            ex.getResponseBody().flush();
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    private void weights(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        if (range != null) {
            ranges.add(range);
        }
        if (mode == Mode.REDIRECT_LOOP) {
            ex.getResponseHeaders().add("Location", ex.getRequestURI().getPath());
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        try {
            if (mode == Mode.STALL_BEFORE_HEADERS) {
                release.await();
                return;
            }
            if (range != null) {
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (DATA.length - 1) + "/" + DATA.length);
            }
            ex.sendResponseHeaders(range == null ? 200 : 206, DATA.length - from);
            OutputStream out = ex.getResponseBody();
            if (mode == Mode.STALL_AFTER_HALF) {
                out.write(DATA, from, DATA.length / 2 - from);
                out.flush();
                release.await();
                return;
            }
            out.write(DATA, from, DATA.length - from);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    private static void send(HttpExchange ex, byte[] body) throws IOException {
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
