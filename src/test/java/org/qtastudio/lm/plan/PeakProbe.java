package org.qtastudio.lm.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import org.qtastudio.cli.LmCommand;
import picocli.CommandLine;

/** Child-process main of {@link MemoryPlanMeasuredTest}: runs {@code lm} with its arguments, then prints {@code VmHWM <bytes>}. */
public final class PeakProbe {

    private PeakProbe() {
    }

    public static void main(String[] args) throws Exception {
        int code = new CommandLine(new LmCommand()).execute(args);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                System.out.println("VmHWM " + Long.parseLong(line.replaceAll("\\D", "")) * 1024);
            }
        }
        System.exit(code);
    }
}
