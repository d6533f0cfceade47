package org.qtastudio.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in the test's JVM with standard output and error captured, as a user's terminal would see them. */
public final class CliRun {

    /** Exit code and what the command printed. */
    public record Result(int code, String out, String err) {

        /** Output and error together, for failure messages. */
        public String all() {
            return out + err;
        }
    }

    private CliRun() {
    }

    public static Result run(String... args) {
        CommandLine cli = QtaCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
