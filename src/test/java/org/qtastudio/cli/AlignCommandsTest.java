package org.qtastudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.align.AlignMemory;
import org.qtastudio.common.Json;
import picocli.CommandLine;

/** align → pairs → rewrite as a script drives them, on MTRB RestBench with a tiny random model. */
class AlignCommandsTest {

    private static final Path SHARED = Path.of("..", "shared");

    @TempDir
    Path dir;

    private String[] run(String... args) {
        CommandLine cli = QtaCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertEquals(0, code, String.join(" ", args) + "\n" + out + err);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void alignWritesSummaryAndAdapterThenPairsExportAndRewriteEvaluate() throws Exception {
        String ws = dir.resolve("w.qta").toString();
        Path model = tinyModelAndRestBench(ws);

        Path out = dir.resolve("out");
        String printed = run("align", "-w", ws, "-c", "mtrb-restbench", "--model", model.toString(), "--epochs", "2",
                "--batch-size", "5", "--max-new-tokens", "8", "--tool-docs", "1", "--lr", "1e-2", "--out", out.toString())[0];
        assertTrue(printed.contains("round 1 epoch 1 step 1: loss 0.69"), printed);
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        for (String key : List.of("pairs", "initial_loss", "final_loss", "final_reward_accuracy")) {
            assertTrue(summary.has(key), key + " in " + summary);
        }
        assertTrue(summary.get("pairs").asInt() > 0);
        assertTrue(Files.exists(out.resolve("adapter/adapter_config.json")));
        assertTrue(Files.exists(out.resolve("adapter/adapter_model.safetensors")));
        long runId = summary.get("run").asLong();

        JsonNode pairs = Json.MAPPER.readTree(run("pairs", "list", "-w", ws, "--run", Long.toString(runId), "--format", "json")[0]);
        assertEquals(summary.get("pairs").asInt(), pairs.size());
        long firstPair = pairs.get(0).get("id").asLong();
        run("pairs", "reject", "-w", ws, Long.toString(firstPair));
        Path jsonl = dir.resolve("pairs.jsonl");
        run("pairs", "export", "-w", ws, "--run", Long.toString(runId), "--out", jsonl.toString());
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(pairs.size() - 1, lines.size(), "rejected pairs are not exported");
        JsonNode row = Json.MAPPER.readTree(lines.get(0));
        assertTrue(row.has("prompt") && row.has("chosen") && row.has("rejected") && row.has("chosen_score"));

        String table = run("rewrite", "-w", ws, "-c", "mtrb-restbench", "--run", Long.toString(runId), "--split", "test",
                "--max-new-tokens", "6", "--tool-docs", "1")[0];
        assertTrue(table.contains("original queries") && table.contains("rewrites by") && table.contains("fusion"), table);
        JsonNode runs = Json.MAPPER.readTree(run("runs", "list", "-w", ws, "--format", "json")[0]);
        assertEquals(3, runs.size(), "original, rewrite and fusion runs are stored: " + runs);
    }
    /** bfloat16 on a CPU with bfloat16 instructions: the adapter trains through the low-precision model. */
    @Test
    void alignTrainsThroughABfloat16Model() throws Exception {
        Assumptions.assumeTrue(AlignMemory.bfloat16Allowed("cpu"), "this CPU has no bfloat16 instructions");
        String ws = dir.resolve("w.qta").toString();
        Path model = tinyModelAndRestBench(ws);
        Path out = dir.resolve("out");
        String printed = run("align", "-w", ws, "-c", "mtrb-restbench", "--model", model.toString(), "--dtype", "bfloat16",
                "--epochs", "2", "--batch-size", "5", "--max-new-tokens", "8", "--tool-docs", "1", "--lr", "1e-2",
                "--out", out.toString())[0];
        assertTrue(printed.contains("round 1 epoch 1 step 1: loss 0.69"), printed);
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("pairs").asInt() > 0);
        double initial = summary.get("initial_loss").asDouble();
        double last = summary.get("final_loss").asDouble();
        assertTrue(Double.isFinite(last) && last != initial, "the adapter learned: loss " + initial + " -> " + last);
        assertTrue(Files.exists(out.resolve("adapter/adapter_model.safetensors")));
    }

    /** A one-layer random Qwen3 around the real tokenizer, and MTRB RestBench with its 10 train queries in {@code ws}. */
    private Path tinyModelAndRestBench(String ws) {
        Assumptions.assumeTrue(Files.isDirectory(SHARED.resolve("fixtures/tokenizers/qwen3")), "../shared absent");
        Path model = dir.resolve("tiny");
        run("lm", "init-random", "--tokenizer", SHARED.resolve("fixtures/tokenizers/qwen3").toString(), "--out", model.toString(),
                "--architecture", "qwen3", "--hidden-size", "32", "--layers", "1", "--heads", "2", "--kv-heads", "1",
                "--head-dim", "16", "--intermediate-size", "64");
        run("import", "-w", ws, SHARED.resolve("datasets/mtrb/restbench").toString());
        run("import", "-w", ws, "-c", "mtrb-restbench", SHARED.resolve("datasets/restbench/tmdb.json").toString());
        return model;
    }
}
