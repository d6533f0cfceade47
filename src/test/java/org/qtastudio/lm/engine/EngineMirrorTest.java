package org.qtastudio.lm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.common.Progress;

/**
 * The engine build store through a loopback mirror in DJL's publishing layout, serving the CPU libtorch of the bundled
 * {@code pytorch-native-cpu} jar presented as a "cu128" build: install with progress, resume after a download cut
 * off, refusal of a digest mismatch and of a corrupt file with nothing left half-installed, and — in a child JVM, as at
 * the next start — selection of the installed build, proof from {@code /proc/self/maps} that libtorch was loaded from
 * its folder, and golden numbers of {@code ../shared/fixtures/lm} computed on it.
 */
class EngineMirrorTest {

    private static final String CPU_LIBS = "pytorch/cpu/linux-x86_64/";
    private static final String LIB = "cu128/linux-x86_64/native/lib/";
    /** The CPU JNI stands in for the CUDA one: the real cu128 JNI links libtorch_cuda.so, which a CPU build lacks. */
    private static final EngineStore.JniSource CPU_JNI = flavor -> EngineStore.JniSource.CLASS_PATH.open("cpu");

    private static Path mirrorRoot;
    private static LoopbackMirror mirror;

    @BeforeAll
    static void buildMirror() throws IOException {
        mirrorRoot = Path.of("target", "engine-mirror").toAbsolutePath();
        Path version = mirrorRoot.resolve(EngineStore.TORCH_VERSION);
        Properties p = new Properties();
        try (InputStream in = EngineMirrorTest.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            assumeTrue(in != null, "no pytorch-native-cpu jar on the class path");
            p.load(in);
        }
        List<String> lines = new ArrayList<>();
        for (String lib : p.getProperty("libraries").split(",")) {
            Path gz = version.resolve(LIB + lib + ".gz");
            if (!Files.isRegularFile(gz)) { // made once, kept in target/ for later runs
                Files.createDirectories(gz.getParent());
                Path tmp = gz.resolveSibling(gz.getFileName() + ".tmp");
                try (InputStream in = EngineMirrorTest.class.getClassLoader().getResourceAsStream(CPU_LIBS + lib);
                     OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16) {
                         {
                             def.setLevel(Deflater.BEST_SPEED);
                         }
                     }) {
                    in.transferTo(out);
                }
                Files.move(tmp, gz, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            lines.add(LIB + lib + ".gz");
            lines.add("cpu/linux-x86_64/native/lib/" + lib + ".gz"); // listed as DJL lists it; never fetched here
        }
        // two small builds for the failure cases
        Random rng = new Random(5);
        for (String flavor : List.of("cu126", "cu118")) {
            for (String lib : List.of("libtorch.so", "libc10.so")) {
                byte[] bytes = new byte[lib.equals("libc10.so") ? 3 << 20 : 4096];
                rng.nextBytes(bytes);
                Path gz = version.resolve(flavor + "/linux-x86_64/native/lib/" + lib + ".gz");
                Files.createDirectories(gz.getParent());
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
                    out.write(bytes);
                }
                if (flavor.equals("cu118") && lib.equals("libc10.so")) { // flip a byte inside the deflate stream
                    byte[] z = Files.readAllBytes(gz);
                    z[z.length / 2] ^= 0x5a;
                    Files.write(gz, z);
                }
                lines.add(flavor + "/linux-x86_64/native/lib/" + lib + ".gz");
            }
        }
        Files.writeString(version.resolve("files.txt"), String.join("\n", lines) + "\n");
        mirror = new LoopbackMirror(mirrorRoot);
    }

    @AfterAll
    static void stopMirror() {
        if (mirror != null) {
            mirror.close();
        }
    }

    @Test
    void installsResumesSelectsAndLoadsTheInstalledBuild(@TempDir Path home) throws Exception {
        EngineStore store = new EngineStore(home.resolve("engines"), mirror.baseUrl(), CPU_JNI);
        EngineStore.Plan plan = store.plan("cu128");
        assertEquals(4, plan.files().size(), "the cu128 lines of files.txt");
        assertTrue(plan.bytes() > 100L << 20, "sizes from HEAD: " + plan.bytes());

        // 1. the download is cut off after 30 MiB of libtorch_cpu.so.gz: nothing installed, the part kept
        long cut = 30L << 20;
        mirror.cutAfter.put(LIB + "libtorch_cpu.so.gz", cut);
        assertThrows(IOException.class, () -> store.install("cu128", Progress.NONE));
        assertFalse(Files.exists(store.dirOf("cu128")), "nothing installed after a broken download");
        assertNull(store.find("cu128"));
        long kept = store.partialBytes("cu128");
        assertTrue(kept >= cut, "the partial download is kept for resuming: " + kept);

        // 2. install again: resumes with a range request, reports progress, verifies, renames into place
        mirror.requests.clear();
        List<long[]> progress = new ArrayList<>();
        EngineStore.Build b = store.install("cu128", new Progress() {
            @Override
            public void update(String message, long done, long total) {
                if (message.startsWith("Downloading")) {
                    progress.add(new long[] {done, total});
                }
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        });
        // resumed from the bytes that reached the disk: at most what the mirror sent before the cut (bytes in flight
        // when the connection dropped are lost), and never from the start
        assertTrue(mirror.requests.stream().anyMatch(r -> r.path().endsWith("libtorch_cpu.so.gz") && r.range() != null
                && Long.parseLong(r.range().replaceAll("\\D", "")) > 0
                && Long.parseLong(r.range().replaceAll("\\D", "")) <= cut), "a range request resumed: " + mirror.requests);
        assertFalse(progress.isEmpty());
        long[] last = progress.get(progress.size() - 1);
        assertEquals(plan.bytes(), last[0], "progress reaches the total");
        assertEquals(plan.bytes(), last[1]);
        assertTrue(progress.get(0)[0] >= kept, "progress starts where the kept part ends");
        assertEquals(store.dirOf("cu128"), b.dir());
        assertEquals(0, store.partialBytes("cu128"), "the download folder is gone");
        try (Stream<Path> s = Files.list(store.root())) {
            assertEquals(List.of("2.7.1-cu128-linux-x86_64", ".install-2.7.1-cu128-linux-x86_64.lock"),
                    s.map(x -> x.getFileName().toString()).sorted(java.util.Comparator.reverseOrder()).toList(),
                    "the build and the install lock; no download or staging folder");
        }
        assertNull(store.verify(b, true), "every file matches its recorded SHA-256");
        JsonNode manifest = new ObjectMapper().readTree(b.dir().resolve("build.json").toFile());
        for (JsonNode f : manifest.get("files")) {
            if (f.get("name").asText().equals("libtorch_cpu.so")) {
                assertTrue(f.get("etagCheck").asText().startsWith("md5 of"), "multipart ETag checked: " + f);
            }
            if (f.get("name").asText().equals("libtorch.so")) {
                assertEquals("md5", f.get("etagCheck").asText());
            }
        }
        assertEquals(List.of(b.id()), store.list().stream().map(EngineStore.Build::id).toList());

        // 3. the next start (a child JVM) selects it, DJL loads libtorch from its folder, and the golden numbers hold
        Path fixtures = Path.of("..", "shared", "fixtures", "lm");
        assumeTrue(Files.isDirectory(fixtures), "../shared/fixtures/lm is absent; skipping the golden run");
        String out = child(home, "bench", "gpu", "--device", "cpu", "--golden-only", "--fixtures", fixtures.toString());
        String folder = b.dir().toRealPath().toString();
        assertTrue(out.contains("engine build:  2.7.1-cu128-linux-x86_64 — QTA_ENGINE=cu128 asks for it"), out);
        assertTrue(out.contains("loaded:        PyTorch 2.7.1"), out);
        assertTrue(out.contains("libtorch from: " + folder), "libtorch mapped from the installed folder:\n" + out);
        // float32 always; bfloat16 too where this CPU has bfloat16 instructions
        assertEquals(4, out.lines().filter(l -> l.startsWith("ok ") && l.contains(" float32 ")).count(),
                "four fixtures at golden numbers:\n" + out);
        assertEquals(0, out.lines().filter(l -> l.startsWith("FAIL")).count(), out);
        assertTrue(out.contains("RESULT ok"), out);

        // 4. removed: the next start is back on the bundled build
        assertTrue(store.remove("cu128"));
        assertFalse(Files.exists(b.dir()));
        assertNull(store.find("cu128"));
    }

    @Test
    void aDigestMismatchIsRefusedAndNothingIsHalfInstalled(@TempDir Path home) throws Exception {
        EngineStore store = new EngineStore(home.resolve("engines"), mirror.baseUrl(), CPU_JNI);
        mirror.wrongEtag.put("cu126/linux-x86_64/native/lib/libc10.so.gz", "0123456789abcdef0123456789abcdef");
        try {
            EngineVerificationException e = assertThrows(EngineVerificationException.class,
                    () -> store.install("cu126", Progress.NONE));
            assertTrue(e.getMessage().contains("libc10.so.gz does not match its MD5 digest"), e.getMessage());
        } finally {
            mirror.wrongEtag.clear();
        }
        assertNothingInstalled(store, "cu126");
        assertFalse(Files.exists(store.root().resolve(".download-2.7.1-cu126-linux-x86_64/libc10.so.gz")),
                "the mismatching file is deleted");

        // a file whose bytes match the ETag but whose gzip stream is corrupt (CRC / deflate error)
        EngineVerificationException e = assertThrows(EngineVerificationException.class,
                () -> store.install("cu118", Progress.NONE));
        assertTrue(e.getMessage().contains("libc10.so.gz is corrupt"), e.getMessage());
        assertNothingInstalled(store, "cu118");

        // a flavour the site does not publish: says which it does
        IOException none = assertThrows(IOException.class, () -> store.plan("cu999"));
        assertTrue(none.getMessage().contains("publishes no cu999 build") && none.getMessage().contains("cu128"),
                none.getMessage());
    }

    @Test
    void aKilledInstallResumesWhereItStopped(@TempDir Path home) throws Exception {
        String file = "cu126/linux-x86_64/native/lib/libc10.so.gz";
        long stall = 1L << 20;
        mirror.stallAfter.put(file, stall);
        Path part = home.resolve("engines/.download-2.7.1-cu126-linux-x86_64/libc10.so.gz");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.qtastudio.Main", "lm", "engine", "install",
                "--flavor", "cu126", "--mirror", mirror.baseUrl());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("install.log").toFile());
        pb.environment().put("QTA_STUDIO_HOME", home.toString());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!(Files.isRegularFile(part) && Files.size(part) >= stall) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), "the install runs until killed: " + Files.readString(home.resolve("install.log")));
            assertEquals(stall, Files.size(part), "1 MiB downloaded before the kill");
        } finally {
            p.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
            mirror.stallAfter.clear();
        }
        EngineStore store = new EngineStore(home.resolve("engines"), mirror.baseUrl(), CPU_JNI);
        assertNull(store.find("cu126"), "a killed install leaves no build");
        mirror.requests.clear();
        EngineStore.Build b = store.install("cu126", Progress.NONE);
        assertTrue(mirror.requests.contains(new LoopbackMirror.Request("GET", "/pytorch/2.7.1/" + file, "bytes=" + stall + "-")),
                "resumed with a range request: " + mirror.requests);
        assertNull(store.verify(b, true));
        assertEquals(3 << 20, Files.size(b.dir().resolve("libc10.so")));
    }

    private static void assertNothingInstalled(EngineStore store, String flavor) throws IOException {
        assertFalse(Files.exists(store.dirOf(flavor)), "no build folder");
        assertNull(store.find(flavor));
        try (Stream<Path> s = Files.list(store.root())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".staging")), "no staging folder left");
        }
    }

    /** Runs the CLI in a new JVM with the data folder {@code home} and {@code QTA_ENGINE=cu128}, as a next start. */
    private static String child(Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.qtastudio.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("QTA_STUDIO_HOME", home.toString());
        pb.environment().put("QTA_ENGINE", "cu128");
        pb.environment().put("RUST_FLAVOR", "cpu");
        pb.environment().remove("PYTORCH_LIBRARY_PATH");
        pb.environment().remove("PYTORCH_FLAVOR");
        pb.environment().remove("PYTORCH_VERSION");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the child JVM finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
