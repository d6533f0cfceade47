package org.qtastudio.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.ImportReport;
import org.qtastudio.catalog.ImportService;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.importers.Importers;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import}: reads a catalog (file or dataset folder) into the workspace as one transaction. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import tools and queries from a file or a dataset folder (format detected unless --format is given). "
                + "Re-importing the same source changes nothing and says so.")
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Parameters(paramLabel = "SOURCE", description = "File or folder to import.")
    Path source;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Source format (default: detected): mtrb, openapi, restbench, metatool, toolbench, openai, mcp, beir, generic.")
    String format;

    @Option(names = {"-c", "--catalog"}, paramLabel = "NAME",
            description = "Catalog to import into, created when absent (default: named after the source).")
    String catalog;

    @Option(names = "--split", paramLabel = "SPLIT", description = "Split for queries whose source names none: train, test, unlabelled.")
    String split;

    @Option(names = "--map", paramLabel = "FIELD=COLUMN",
            description = "Field mapping for generic JSONL/CSV, e.g. --map key=id --map description=summary.")
    Map<String, String> mapping = new LinkedHashMap<>();

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "OpenAPI/MCP: key this source's tools NAME/KEY (default: an OpenAPI spec's info.title; \"\" for bare keys).")
    String namespace;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "Function-calling benchmark (BFCL): the possible_answer file that gives the queries' gold.")
    Path answers;

    @Option(names = "--output", paramLabel = "FORMAT", description = "Report as text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.text;

    @Option(names = "--dry-run", description = "Read the source and report what would be stored, then store nothing.")
    boolean dryRun;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code --namespace} and {@code --answers} mean something to some formats only; to others they would be ignored unsaid. */
    private void checkOptionsApply(ImportSource src) throws java.io.IOException {
        if (namespace == null && answers == null) {
            return;
        }
        String chosen = (format != null ? Importers.forFormat(format) : Importers.detect(src)).format();
        if (namespace != null && !chosen.equals("openapi") && !chosen.equals("mcp")) {
            throw new IllegalArgumentException("--namespace applies to openapi and mcp sources; " + source + " reads as " + chosen);
        }
        if (answers != null && !chosen.equals("openai")) {
            throw new IllegalArgumentException("--answers applies to function-calling benchmark files (format openai); " + source
                    + " reads as " + chosen);
        }
    }

    @Override
    public Integer call() throws Exception {
        ImportSource src = new ImportSource(source, mapping, split == null ? null : Split.parse(split), namespace, answers);
        checkOptionsApply(src);
        CliProgress progress = new CliProgress(System.err);
        ImportReport report;
        try (SignalCancel signals = SignalCancel.install(progress);
             Workspace w = ws.openForWrite(spec.commandLine().getErr())) {
            ImportService service = new ImportService(w);
            report = dryRun ? service.preview(src, format, catalog, progress).report() : service.importSource(src, format, catalog, progress);
        }
        var out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            out.println(Json.write(report));
        } else {
            out.println((dryRun ? "Would import " : "Imported ") + report.summary());
            out.printf("%s %d tools and %d queries in catalog '%s'.%n", dryRun ? "Dry run: nothing stored; would store" : "Stored",
                    report.tools().total(), report.queries().total(), report.catalog());
            if (report.goldResolvedByNormalisation() > 0) {
                out.printf("%d gold references matched a tool only after normalising spaces, case, path parameter names or an API/server prefix.%n",
                        report.goldResolvedByNormalisation());
            }
            if (!report.unmatchedGold().isEmpty()) {
                out.println("Gold references that resolve to no one tool (kept on the query as unresolved; fix them with `annotate`):");
                report.unmatchedGold().forEach(u -> out.printf("  query %s: \"%s\" %s  (%s)%n", u.queryKey(), u.reference(), u.reason(), u.queryText()));
            }
            report.warnings().forEach(wn -> out.println("warning: " + wn));
        }
        out.flush();
        return 0;
    }
}
