package org.qtastudio.lm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.common.CancelledException;
import org.qtastudio.common.Progress;
import org.qtastudio.lm.LmFixtures;

/** The model store against a loopback server laid out like the hub, serving a fixture model folder. */
class HubDownloadTest {

    private static final String REPO = "test-org/tiny-llama";
    private static final String WEIGHTS = "model.safetensors";

    private Path fixture;
    private HttpServer server;
    private final Set<String> dropOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> corrupt = ConcurrentHashMap.newKeySet();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile boolean shaInHeaderOnly;

    @TempDir
    Path cache;

    @BeforeEach
    void start() throws IOException {
        fixture = LmFixtures.lmModel("llama-tiny");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/models/" + REPO + "/revision/main", this::listing);
        server.createContext("/" + REPO + "/resolve/main/", this::file);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ModelStore store() {
        URI endpoint = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
        return new ModelStore(cache, new HubDownloader(endpoint, null, 3));
    }

    @Test
    void downloadsAndResumesAfterADroppedConnection() throws IOException {
        dropOnce.add(WEIGHTS);
        Path dir = store().download(REPO, "main", Progress.NONE);
        for (String name : List.of("config.json", WEIGHTS)) {
            assertArrayEquals(Files.readAllBytes(fixture.resolve(name)), Files.readAllBytes(dir.resolve(name)), name);
        }
        assertFalse(Files.exists(dir.resolve("pytorch_model.bin")), "pickle weights are never fetched");
        long half = Files.size(fixture.resolve(WEIGHTS)) / 2;
        // the server stops after half the file; what reached the client before the connection dropped may be less
        assertEquals(1, ranges.size(), "one resumed request: " + ranges);
        long from = Long.parseLong(ranges.get(0).substring("bytes=".length(), ranges.get(0).length() - 1));
        assertTrue(from > 0 && from <= half, "the second request resumed where the first broke, not from 0: " + ranges);
        assertEquals(dir, store().resolve(REPO, "main", Progress.NONE), "a complete download is reused");
    }

    @Test
    void refusesACorruptedFileAndKeepsNothingOfIt() {
        corrupt.add(WEIGHTS);
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> store().download(REPO, "main", Progress.NONE));
        assertTrue(e.getMessage().contains(WEIGHTS), e.getMessage());
        Path dir = store().folderFor(REPO, "main");
        assertFalse(Files.exists(dir.resolve(WEIGHTS)));
        assertFalse(Files.exists(dir.resolve(WEIGHTS + ".part")));
    }

    @Test
    void checksTheHubsLinkedEtagWhenTheListingHasNoHash() throws IOException {
        shaInHeaderOnly = true;
        corrupt.add(WEIGHTS);
        assertThrows(ChecksumMismatchException.class, () -> store().download(REPO, "main", Progress.NONE));
        corrupt.clear();
        Path dir = store().download(REPO, "main", Progress.NONE);
        assertArrayEquals(Files.readAllBytes(fixture.resolve(WEIGHTS)), Files.readAllBytes(dir.resolve(WEIGHTS)));
    }

    @Test
    void cancelStopsAndLeavesNoFinalFile() {
        Progress cancelAfterFirstChunk = new Progress() {
            private volatile boolean started;

            @Override
            public void update(String message, long done, long total) {
                started = true;
            }

            @Override
            public boolean isCancelled() {
                return started;
            }
        };
        assertThrows(CancelledException.class, () -> store().download(REPO, "main", cancelAfterFirstChunk));
        Path dir = store().folderFor(REPO, "main");
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            assertTrue(files.allMatch(p -> p.getFileName().toString().endsWith(".part")),
                    "only partial files remain after a cancel");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void listing(HttpExchange ex) throws IOException {
        ObjectNode root = LmFixtures.JSON.createObjectNode();
        ArrayNode siblings = root.putArray("siblings");
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path p : files.sorted().toList()) {
                ObjectNode s = siblings.addObject();
                s.put("rfilename", p.getFileName().toString());
                s.put("size", Files.size(p));
                if (p.getFileName().toString().endsWith(".safetensors") && !shaInHeaderOnly) {
                    s.putObject("lfs").put("sha256", HubDownloader.sha256(p)).put("size", Files.size(p));
                }
            }
        }
        // listed but not served: fetching them would fail the download
        siblings.addObject().put("rfilename", "pytorch_model.bin").put("size", 10);
        siblings.addObject().put("rfilename", "onnx/model.onnx").put("size", 10);
        send(ex, 200, root.toString().getBytes(StandardCharsets.UTF_8), -1);
    }

    private void file(HttpExchange ex) throws IOException {
        String name = ex.getRequestURI().getPath().substring(("/" + REPO + "/resolve/main/").length());
        if (!Files.isRegularFile(fixture.resolve(name))) {
            send(ex, 404, new byte[0], -1);
            return;
        }
        byte[] data = Files.readAllBytes(fixture.resolve(name));
        if (corrupt.contains(name)) {
            data[data.length - 1] ^= 0x5a;
        }
        if (name.endsWith(".safetensors")) {
            ex.getResponseHeaders().add("X-Linked-Etag", "\"" + HubDownloader.sha256(fixture.resolve(name)) + "\"");
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            ranges.add(range);
            int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            byte[] rest = java.util.Arrays.copyOfRange(data, from, data.length);
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
            send(ex, 206, rest, -1);
        } else if (dropOnce.remove(name)) {
            send(ex, 200, data, data.length / 2);
        } else {
            send(ex, 200, data, -1);
        }
    }

    /** Sends a body; with {@code cut >= 0} announces the full length but closes the connection after cut bytes. */
    private static void send(HttpExchange ex, int status, byte[] body, int cut) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        OutputStream out = ex.getResponseBody();
        try {
            out.write(body, 0, cut >= 0 ? cut : body.length);
            out.flush();
        } finally {
            ex.close(); // after a cut body the server drops the connection
        }
    }
}
