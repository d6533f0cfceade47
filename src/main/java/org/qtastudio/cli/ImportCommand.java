package org.qtastudio.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.importers.GenericImporter;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.importers.Importers;
import org.qtastudio.catalog.imports.ImportReport;
import org.qtastudio.catalog.imports.ImportService;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code import}: reads a catalog (file or dataset folder) into the workspace as one transaction. */
@Command(name = "import", mixinStandardHelpOptions = true, modelTransformer = ImportCommand.MappingHelp.class,
        description = "Import tools and queries from a file or a dataset folder (format detected unless --format is given). "
                + "Re-importing the same source changes nothing and says so; it replaces only what the source states.")
public final class ImportCommand implements Callable<Integer> {

    /** Adds the generic importer's mappable fields and the path syntax to {@code import --help}, from the field table. */
    static final class MappingHelp implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            StringBuilder sb = new StringBuilder("%nFields for --map FIELD=COLUMN (generic CSV, JSONL or JSON records),%n")
                    .append("with the column read when a field is not mapped:%n");
            for (GenericImporter.Field f : GenericImporter.FIELDS) {
                sb.append(String.format("  %-11s %-12s %s%%n", f.name(), f.defaultColumn(), f.meaning().replace("%", "%%")));
            }
            sb.append("%nCOLUMN is a column name or a JMESPath path into the record (jmespath.org):%n")
                    .append("  a.b             a nested field%n")
                    .append("  a[0]            the first element of a list%n")
                    .append("  calling[].api   the api of every element of calling%n")
                    .append("  \"odd name\"      a column whose name is not letters, digits and _%n")
                    .append("A mapped column that no record has is refused before anything is stored.");
            spec.usageMessage().footer(sb.toString());
            return spec;
        }
    }

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
            description = "Field mapping for generic CSV/JSONL/JSON records, e.g. --map key=id --map gold=calling[].api"
                    + " (fields and path syntax below).")
    Map<String, String> mapping = new LinkedHashMap<>();

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "OpenAPI/MCP: key this source's tools NAME/KEY (default: an OpenAPI spec's info.title; \"\" for bare keys).")
    String namespace;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "Function-calling benchmark (BFCL): the possible_answer file that gives the queries' gold.")
    Path answers;

    @Option(names = "--parse-as", paramLabel = "FORMAT",
            description = "Format of the tool documents that the column mapped to 'document' holds as text (openapi, openai, mcp), e.g."
                    + " --map document=Documentation --parse-as openapi; the same as --map parse-as=FORMAT.")
    String parseAs;

    @Option(names = "--output", paramLabel = "FORMAT", description = "Report as text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.text;

    @Option(names = "--dry-run", description = "Read the source and report what would be imported, then store nothing.")
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
        if (parseAs != null) {
            mapping.put(GenericImporter.PARSE_AS, parseAs);
        }
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
