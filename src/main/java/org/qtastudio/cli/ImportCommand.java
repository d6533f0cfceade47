package org.qtastudio.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.importers.GenericImporter;
import org.qtastudio.catalog.importers.ImportSource;
import org.qtastudio.catalog.importers.Importers;
import org.qtastudio.catalog.importers.mcp.McpClientConfig;
import org.qtastudio.catalog.importers.mcp.McpServer;
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

/**
 * {@code import}: reads a catalog (file or dataset folder) into the workspace as one transaction, or the tools of live
 * MCP servers (started, or reached over HTTP, or every server of a client configuration).
 */
@Command(name = "import", mixinStandardHelpOptions = true, modelTransformer = ImportCommand.MappingHelp.class,
        description = {"Import tools and queries from a file or a dataset folder (format detected unless --format is given), "
                + "or the tools of live MCP servers (--mcp-stdio, --mcp-http, --mcp-config). "
                + "Re-importing the same source changes nothing and says so; it replaces only what the source states.",
                "An MCP server's tools go to a catalog named after the server (its name from initialize, the part after"
                + " the last '/': mcp-servers/everything is 'everything') and are keyed NAME/tool. From --mcp-config, each"
                + " server gets a catalog and namespace named after its key in the file, as the clients show it; -c puts"
                + " every server into that one catalog, still keyed KEY/tool. All servers are listed before anything is"
                + " stored: one that fails to start, exits, times out or answers something that is not JSON-RPC stops"
                + " the import, and nothing is stored. Re-importing a server removes from its namespace the tools it no longer"
                + " lists; gold that named one stays on its query as unresolved gold."})
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

    @Parameters(paramLabel = "SOURCE", arity = "0..1", description = "File or folder to import (or give an --mcp-* option).")
    Path source;

    @Option(names = "--mcp-stdio", paramLabel = "\"COMMAND ARGS...\"",
            description = "Start this MCP server (one quoted command line, split as a shell would; no pipes or variables:"
                    + " use sh -c '...' for those), list its tools and end it, e.g. --mcp-stdio \"npx -y @modelcontextprotocol/server-memory\".")
    String mcpStdio;

    @Option(names = "--mcp-http", paramLabel = "URL", description = "The streamable-HTTP MCP server at URL, e.g. http://127.0.0.1:3001/mcp.")
    String mcpHttp;

    @Option(names = "--mcp-config", paramLabel = "FILE",
            description = "Every server of an MCP client configuration: {\"mcpServers\": {KEY: {\"command\", \"args\", \"env\"} or"
                    + " {\"url\", \"headers\"}}} (Claude Desktop, Cursor) or {\"servers\": {...}} (VS Code). The env is passed to the server.")
    Path mcpConfig;

    @Option(names = "--mcp-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long an MCP server may take to answer initialize and each page of tools/list (default: ${DEFAULT-VALUE};"
                    + " the first npx run of a package downloads it).")
    int mcpTimeout;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Source format (default: detected): mtrb, openapi, restbench, metatool, toolbench, openai, mcp, beir, generic.")
    String format;

    @Option(names = {"-c", "--catalog"}, paramLabel = "NAME",
            description = "Catalog to import into, created when absent (default: named after the source; see above for MCP servers).")
    String catalog;

    @Option(names = "--split", paramLabel = "SPLIT", description = "Split for queries whose source names none: train, test, unlabelled.")
    String split;

    @Option(names = "--map", paramLabel = "FIELD=COLUMN",
            description = "Field mapping for generic CSV/JSONL/JSON records, e.g. --map key=id --map gold=calling[].api"
                    + " (fields and path syntax below).")
    Map<String, String> mapping = new LinkedHashMap<>();

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "OpenAPI/MCP: key this source's tools NAME/KEY (default: an OpenAPI spec's info.title, an MCP server's"
                    + " name; \"\" for bare keys).")
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
        List<McpServer> servers = mcpServers();
        if (servers != null) {
            return importServers(servers);
        }
        if (source == null) {
            throw new IllegalArgumentException("give a SOURCE file or folder, or an MCP server with --mcp-stdio, --mcp-http or --mcp-config");
        }
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
        print(report);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The servers the --mcp-* options name, or null when none does; an error when they are combined with a SOURCE or each other. */
    private List<McpServer> mcpServers() throws java.io.IOException {
        List<String> given = new ArrayList<>();
        if (mcpStdio != null) {
            given.add("--mcp-stdio");
        }
        if (mcpHttp != null) {
            given.add("--mcp-http");
        }
        if (mcpConfig != null) {
            given.add("--mcp-config");
        }
        if (given.isEmpty()) {
            return null;
        }
        if (given.size() > 1 || source != null) {
            throw new IllegalArgumentException("import one source at a time: " + (source != null ? "SOURCE " + source + " and " : "")
                    + String.join(" and ", given) + " were given");
        }
        List<String> fileOnly = new ArrayList<>();
        if (format != null) {
            fileOnly.add("--format");
        }
        if (split != null) {
            fileOnly.add("--split");
        }
        if (!mapping.isEmpty() || parseAs != null) {
            fileOnly.add("--map/--parse-as");
        }
        if (answers != null) {
            fileOnly.add("--answers");
        }
        if (!fileOnly.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", fileOnly) + " apply to files; an MCP server gives tools only,"
                    + " read as MCP tools/list");
        }
        if (mcpTimeout <= 0) {
            throw new IllegalArgumentException("--mcp-timeout must be a positive number of seconds, not " + mcpTimeout);
        }
        if (mcpStdio != null) {
            return List.of(McpServer.stdio(mcpStdio));
        }
        if (mcpHttp != null) {
            return List.of(McpServer.http(mcpHttp));
        }
        return List.copyOf(McpClientConfig.read(mcpConfig).values());
    }

    private Integer importServers(List<McpServer> servers) throws Exception {
        CliProgress progress = new CliProgress(System.err);
        List<ImportReport> reports;
        try (SignalCancel signals = SignalCancel.install(progress);
             Workspace w = ws.openForWrite(spec.commandLine().getErr())) {
            reports = new ImportService(w).importServers(servers, catalog, namespace, Duration.ofSeconds(mcpTimeout), dryRun, progress);
        }
        reports.forEach(this::print);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** One import's report (one line of JSON each with --output json): as JSON, or the summary, what was stored, and anything the user should look at. */
    private void print(ImportReport report) {
        var out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            out.println(Json.write(report));
        } else {
            out.println((dryRun ? "Would import " : "Imported ") + report.summary());
            out.println(report.outcome(dryRun));
            if (!report.goldOfRemovedTools().isEmpty()) {
                out.printf("Gold of %d queries named tools the server no longer lists; %s kept on those queries as unresolved gold:%n",
                        report.goldOfRemovedTools().size(), dryRun ? "it would be" : "it is");
                report.goldOfRemovedTools().forEach((query, tools) -> out.println("  " + query + ": " + String.join(", ", tools)));
            }
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
    }
}
