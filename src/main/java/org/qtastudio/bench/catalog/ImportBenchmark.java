package org.qtastudio.bench.catalog;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.store.Workspace;

/**
 * Measures the import path at catalog scale: generates a seeded file of OpenAI function schemas (realistic
 * names, descriptions and parameters), imports it into a fresh workspace, and prints wall time, tools per
 * second and the peak heap sampled during the import (with the JVM's heap limit, so a run under a small
 * {@code -Xmx} shows memory stays bounded).
 *
 * <p>{@code java -cp ... org.qtastudio.bench.catalog.ImportBenchmark [tools=100000] [workDir]}
 */
public final class ImportBenchmark {

    private static final long SEED = 20241003L;
    private static final List<String> VERBS = List.of("get", "list", "search", "create", "update", "delete", "fetch",
            "convert", "translate", "summarize", "schedule", "cancel", "track", "compare", "validate", "export");
    private static final List<String> NOUNS = List.of("weather_forecast", "flight", "hotel_booking", "stock_quote",
            "exchange_rate", "movie", "playlist", "invoice", "calendar_event", "recipe", "news_article", "shipment",
            "support_ticket", "repository", "email", "contact", "restaurant", "train_ticket", "podcast", "crypto_price");
    private static final List<String> DOMAINS = List.of("travel", "finance", "media", "productivity", "food",
            "logistics", "developer", "communication", "weather", "shopping");
    private static final List<String> PARAMS = List.of("city", "date", "limit", "query", "currency", "language",
            "start_time", "end_time", "user_id", "country_code", "sort_by", "page", "category", "format", "units");
    private static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "string");

    private ImportBenchmark() {
    }

    /** What one run measured. */
    public record Result(int tools, long fileBytes, long generateMillis, long importMillis, double toolsPerSecond,
                         long peakHeapBytes, long maxHeapBytes, ImportReport report) {
    }

    public static void main(String[] args) throws IOException {
        int tools = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("qta-import-bench");
        run(dir, tools, System.out);
    }

    /** Generates {@code tools} functions under {@code workDir}, imports them into a fresh workspace there, prints the figures. */
    public static Result run(Path workDir, int tools, PrintStream out) throws IOException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve("openai-functions-" + tools + ".json");
        long t0 = System.nanoTime();
        generate(file, tools);
        long generateMillis = (System.nanoTime() - t0) / 1_000_000;
        Path workspaceFile = workDir.resolve("bench" + Workspace.EXTENSION);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(workspaceFile.resolveSibling(workspaceFile.getFileName() + suffix));
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        out.printf("generated %,d tools (%,d bytes) in %d ms; importing (max heap %d MiB)%n",
                tools, Files.size(file), generateMillis, maxHeap >> 20);
        out.flush();
        try (Workspace ws = Workspace.open(workspaceFile); HeapSampler heap = new HeapSampler()) {
            long start = System.nanoTime();
            ImportReport report = new ImportService(ws).importSource(ImportSource.of(file), "openai", "bench", firstThousandWritten(out));
            long importMillis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            double rate = tools * 1000.0 / importMillis;
            Result result = new Result(tools, Files.size(file), generateMillis, importMillis, rate, heap.peak(), maxHeap, report);
            out.printf("imported %,d tools in %,d ms: %,.0f tools/s; peak heap used %d MiB (sampled every 10 ms) of max %d MiB%n",
                    report.tools().total(), importMillis, rate, result.peakHeapBytes() >> 20, maxHeap >> 20);
            out.println(report.summary());
            return result;
        }
    }

    /** Says once that 1,000 tools are written inside the open transaction, so a test can kill the import mid-way. */
    private static Progress firstThousandWritten(PrintStream out) {
        AtomicBoolean said = new AtomicBoolean();
        return new Progress() {
            @Override
            public void update(String message, long done, long total) {
                if (done >= 1_000 && total < 0 && !said.getAndSet(true)) {
                    out.println("in transaction: " + done + " tools written");
                    out.flush();
                }
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }

    /** Writes the functions with a streaming generator, so generating needs no more memory than importing. */
    static void generate(Path file, int tools) throws IOException {
        Random random = new Random(SEED);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (int i = 0; i < tools; i++) {
                String verb = pick(random, VERBS);
                String noun = pick(random, NOUNS);
                String domain = pick(random, DOMAINS);
                g.writeStartObject();
                g.writeStringField("type", "function");
                g.writeObjectFieldStart("function");
                g.writeStringField("name", verb + "_" + noun + "_" + domain + "_" + i);
                g.writeStringField("description", String.format("%s %s records for %s apps: %s the %s by %s and returns up to %d results as JSON.",
                        capital(verb), noun.replace('_', ' '), domain, verb, noun.replace('_', ' '), pick(random, PARAMS).replace('_', ' '),
                        10 + random.nextInt(90)));
                g.writeObjectFieldStart("parameters");
                g.writeStringField("type", "object");
                g.writeObjectFieldStart("properties");
                int n = 1 + random.nextInt(5);
                int first = random.nextInt(PARAMS.size());
                for (int p = 0; p < n; p++) {
                    String param = PARAMS.get((first + p) % PARAMS.size());
                    g.writeObjectFieldStart(param);
                    g.writeStringField("type", pick(random, TYPES));
                    g.writeStringField("description", "The " + param.replace('_', ' ') + " to " + verb + " " + noun.replace('_', ' ') + " with.");
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeArrayFieldStart("required");
                g.writeString(PARAMS.get(first));
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static String pick(Random random, List<String> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Samples used heap every 10 ms on a daemon thread and keeps the highest value. */
    private static final class HeapSampler implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapSampler() {
            sample();
            thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private void sample() {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }

        long peak() {
            sample();
            return peak.get();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
