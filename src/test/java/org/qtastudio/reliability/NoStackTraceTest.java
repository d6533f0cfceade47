package org.qtastudio.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtastudio.cli.CliRun;
import org.qtastudio.cli.QtaCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Issue 13 item 14: every CLI command, given bad arguments, answers with a message and never with a Java stack
 * trace (on its own output, on standard error, or through the log). The commands are enumerated from picocli, so a
 * new command is covered the day it is added.
 */
class NoStackTraceTest {

    @TempDir
    static Path dir;
    static Path ws;
    static Path hostileFile;

    @BeforeAll
    static void workspace() throws Exception {
        ws = Cli.workspaceWithRun(dir);
        hostileFile = dir.resolve("hostile.json");
        Files.writeString(hostileFile, "{\"a\": [1, 2, {\"b\": \u0000 ,,, ]");
    }

    /** Every runnable command as its path of names, e.g. [runs, export]. */
    static Map<List<String>, CommandSpec> leaves() {
        Map<List<String>, CommandSpec> out = new LinkedHashMap<>();
        collect(QtaCommand.commandLine(), new ArrayList<>(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<String> path, Map<List<String>, CommandSpec> out) {
        if (!path.isEmpty() && !path.getLast().equals("help")) {
            out.put(List.copyOf(path), cl.getCommandSpec());
        }
        for (var e : cl.getSubcommands().entrySet()) {
            if (cl.getCommandSpec().subcommands().get(e.getKey()).getCommandSpec().name().equals(e.getKey())) {
                path.add(e.getKey());
                collect(e.getValue(), path, out);
                path.removeLast();
            }
        }
    }

    /** A value of the right kind that is wrong: a missing file, a negative or NaN number, a word nobody knows. */
    private static String badValue(ArgSpec arg, int variant) {
        Class<?> type = arg.type();
        if (type == Path.class || type == java.io.File.class) {
            return variant == 0 ? dir.resolve("no/such/file").toString() : hostileFile.toString();
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return variant == 0 ? "-1" : "99999999999999999999";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return variant == 0 ? "NaN" : "-Infinity";
        }
        if (type == java.net.URI.class) {
            return "http://127.0.0.1:9";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || java.util.Map.class.isAssignableFrom(type)) {
            return variant == 0 ? "nope=nope" : "../../etc/passwd";
        }
        return variant == 0 ? "nope" : "../../../etc/passwd\u001b[2J";
    }

    private static List<List<String>> badArgumentSets(List<String> path, CommandSpec spec) {
        List<List<String>> sets = new ArrayList<>();
        sets.add(concat(path, List.of("--no-such-option")));
        if (path.getFirst().equals("bench")) {
            // benchmarks have no required arguments: "bad" ones would run a real benchmark for minutes
            return sets;
        }
        for (int variant = 0; variant < 2; variant++) {
            for (boolean realWorkspace : new boolean[] {false, true}) {
                if (path.getFirst().equals("serve") && realWorkspace && variant == 0) {
                    continue; // the only catalog of a real workspace, served: a valid server that runs until stopped
                }
                List<String> args = new ArrayList<>(path);
                for (OptionSpec o : spec.options()) {
                    String name = o.longestName();
                    if (name.equals("--workspace")) {
                        args.add(name);
                        args.add(realWorkspace ? ws.toString() : dir.resolve("missing.qta").toString());
                    } else if (name.equals("--endpoint")) {
                        args.add(name);
                        args.add("http://127.0.0.1:9");
                    } else if (o.required() || (variant == 1 && !o.usageHelp() && !o.versionHelp() && o.arity().min() > 0
                            && !name.equals("--debug") && !name.equals("--device"))) {
                        args.add(name);
                        args.add(badValue(o, variant));
                    }
                }
                for (var p : spec.positionalParameters()) {
                    for (int i = 0; i < Math.max(1, p.arity().min()); i++) {
                        args.add(badValue(p, variant));
                    }
                }
                sets.add(args);
            }
        }
        return sets;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void everyCommandAnswersBadArgumentsWithoutAStackTrace() throws Exception {
        Map<List<String>, CommandSpec> commands = leaves();
        assertTrue(commands.size() >= 20, "commands found: " + commands.keySet());
        List<String> failures = new ArrayList<>();
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (var e : commands.entrySet()) {
                for (List<String> args : badArgumentSets(e.getKey(), e.getValue())) {
                    ByteArrayOutputStream captured = new ByteArrayOutputStream();
                    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    System.setOut(capture);
                    System.setErr(capture);
                    int code;
                    long started = System.nanoTime();
                    try {
                        CommandLine cli = QtaCommand.commandLine();
                        cli.setOut(new PrintWriter(out, true));
                        cli.setErr(new PrintWriter(err, true));
                        Future<Integer> run = pool.submit(() -> cli.execute(args.toArray(String[]::new)));
                        try {
                            code = run.get(30, TimeUnit.SECONDS);
                        } catch (java.util.concurrent.TimeoutException t) {
                            run.cancel(true);
                            failures.add(args + ": still running after 30 s");
                            continue;
                        }
                    } finally {
                        System.setOut(realOut);
                        System.setErr(realErr);
                    }
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    if (ms > 5_000) {
                        realErr.println("slow: " + args + " took " + ms + " ms");
                    }
                    String all = out + "\n" + err + "\n" + captured.toString(StandardCharsets.UTF_8);
                    List<String> frames = Cli.stackFrames(all);
                    if (!frames.isEmpty()) {
                        failures.add(args + " (exit " + code + "):\n" + all);
                    } else if (all.contains("\u001b[2J")) {
                        failures.add(args + ": a control sequence from the input reached the terminal");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), failures, String.join("\n\n", failures));
    }

    @Test
    void debugStillShowsTheTrace() {
        CliRun.Result r = Cli.run("--debug", "runs", "export", "-w", ws.toString(), "1", "-o", "/nonexistent/dir/x.csv");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("does not exist"), r.err());
    }
}
