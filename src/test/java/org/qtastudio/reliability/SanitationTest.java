package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.eval.Csv;

/** Issue 13 items 15, 17 and 20: CSV cells cannot run as formulas, NaN and ∞ are refused, exports follow the umask. */
class SanitationTest {

    @TempDir
    static Path dir;
    static Path ws;

    @BeforeAll
    static void workspace() throws Exception {
        ws = Cli.workspaceWithRun(dir);
        for (String formula : List.of("=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "@SUM(1)", "-2+3")) {
            Cli.ok("annotate", "-w", ws.toString(), "-c", "cat", "--text", formula, "--gold", "tool_2", "--split", "test");
        }
        Cli.ok("eval", "-w", ws.toString(), "-c", "cat", "--split", "test");
    }

    @Test
    void csvCellsThatAreFormulasAreNeutralised() throws Exception {
        Path csv = dir.resolve("run.csv");
        Cli.ok("runs", "export", "-w", ws.toString(), "2", "-o", csv.toString());
        String text = Files.readString(csv);
        for (String line : text.split("\n")) {
            for (String cell : line.split(",")) {
                String c = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertFalse(c.startsWith("=") || c.startsWith("+") || c.startsWith("@")
                        || c.startsWith("-") && !c.matches("-[0-9.]+"), "a formula cell in: " + line);
            }
        }
        assertTrue(text.contains("'=HYPERLINK"), text);
        CliRun.Result list = Cli.ok("runs", "list", "-w", ws.toString(), "--format", "csv");
        assertFalse(list.out().lines().anyMatch(l -> l.startsWith("=")), list.out());
        assertEquals("-0.25", Csv.cell("-0.25"), "numbers stay numbers");
        assertEquals("'-cmd", Csv.cell("-cmd"));
        assertEquals("\"'=1,2\"", Csv.cell("=1,2"));
        assertEquals("'\tx", Csv.cell("\tx"));
    }

    @Test
    void numericOptionsRefuseNaNAndInfinity() {
        for (List<String> args : List.of(
                List.of("split", "-w", ws.toString(), "-c", "cat", "--train-fraction", "NaN"),
                List.of("split", "-w", ws.toString(), "-c", "cat", "--train-fraction", "Infinity"),
                List.of("split", "-w", ws.toString(), "-c", "cat", "--train-fraction", "1.5"),
                List.of("eval", "-w", ws.toString(), "-c", "cat", "--retriever", "bm25-paper", "--epsilon", "-Infinity"),
                List.of("align", "-w", ws.toString(), "-c", "cat", "--model", dir.toString(), "--top-p", "NaN"),
                List.of("lm", "generate", "--model", dir.toString(), "--prompt", "x", "--temperature", "NaN"))) {
            CliRun.Result r = Cli.run(args.toArray(String[]::new));
            assertTrue(r.code() != 0, args + ": " + r.all());
            assertTrue(r.err().contains("NaN") || r.err().contains("Infinity") || r.err().contains("between"), r.err());
        }
        CliRun.Result queries = Cli.ok("queries", "-w", ws.toString(), "-c", "cat", "--split", "test");
        assertTrue(queries.out().contains("find movies please 0"), "the splits were left alone: " + queries.out());
    }

    @Test
    void exportedFilesFollowTheUmask() throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));
        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(reference));
        Path csv = dir.resolve("umask.csv");
        Cli.ok("runs", "export", "-w", ws.toString(), "1", "-o", csv.toString());
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(csv)));
        Path out = dir.resolve("catalog-export");
        Cli.ok("export", "-w", ws.toString(), "-c", "cat", "--out", out.toString());
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("cat.tools.jsonl"))));
    }
}
