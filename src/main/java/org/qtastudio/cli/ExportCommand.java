package org.qtastudio.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogNames;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.common.OutputFiles;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.Json;
import org.qtastudio.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export}: writes a catalog's tools and queries as JSONL, one object a line, in the generic import format
 * ({@code id} is the key column), so importing the two files back gives the same keys, splits and gold. A query's
 * {@code gold} lists its resolved gold keys and then its unresolved references (also listed apart under
 * {@code unresolved_gold}): re-imported, the references resolve as they did, and none is lost.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a catalog as OUT/<catalog>.tools.jsonl and OUT/<catalog>.queries.jsonl (written whole or not at all);"
                + " `import` reads them back.")
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions ws;

    @Mixin
    CatalogOption catalog;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Folder to write into (created when absent).")
    Path out;

    @Option(names = "--force", description = "Overwrite the two files when they exist.")
    boolean force;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        try (Workspace w = ws.open()) {
            CatalogStore store = new CatalogStore(w);
            Catalog c = catalog.resolve(store);
            // the catalog name becomes a file name: made safe and confined to OUT (a name such as ../../x stays inside)
            Path tools = CatalogNames.fileIn(out, c.name(), ".tools.jsonl");
            Path queries = CatalogNames.fileIn(out, c.name(), ".queries.jsonl");
            OutputFiles.checkTarget(tools, force);
            OutputFiles.checkTarget(queries, force);
            int[] count = new int[1];
            writeAtomically(tools, writer -> store.forEachTool(c.id(), t -> {
                line(writer, toolJson(t));
                count[0]++;
            }));
            var qs = store.queries(c.id(), null);
            writeAtomically(queries, writer -> qs.forEach(q -> line(writer, queryJson(q))));
            var o = spec.commandLine().getOut();
            long unresolved = qs.stream().filter(q -> !q.unresolvedGold().isEmpty()).count();
            o.printf("Wrote %d tools to %s%nWrote %d queries to %s%s%n", count[0], tools, qs.size(), queries,
                    unresolved == 0 ? "" : " (" + unresolved + " with unresolved gold, written with their gold)");
            o.flush();
        }
        return 0;
    }

    private static ObjectNode toolJson(Tool t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", t.key());
        n.put("name", t.name());
        n.put("description", t.description());
        if (t.method() != null) {
            n.put("method", t.method());
            n.put("path", t.path());
        }
        n.set("parameters", Json.MAPPER.valueToTree(t.parameters()));
        if (t.category() != null) {
            n.put("category", t.category());
        }
        n.set("tags", Json.MAPPER.valueToTree(t.tags()));
        n.put("format", t.format());
        try {
            n.set("document", Json.MAPPER.readTree(t.documentJson()));
        } catch (IOException e) {
            n.put("document", t.documentJson());
        }
        return n;
    }

    private static ObjectNode queryJson(UserQuery q) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", q.key());
        n.put("query", q.text());
        n.put("split", q.split().id());
        List<String> gold = new ArrayList<>(q.gold());
        gold.addAll(q.unresolvedGold());
        n.set("gold", Json.MAPPER.valueToTree(gold));
        if (!q.unresolvedGold().isEmpty()) {
            n.set("unresolved_gold", Json.MAPPER.valueToTree(q.unresolvedGold()));
        }
        return n;
    }

    private static void line(BufferedWriter writer, ObjectNode node) {
        try {
            writer.write(Json.write(node));
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes through {@link OutputFiles}: a temporary file renamed into place, so a crash leaves no half file. */
    private void writeAtomically(Path target, java.util.function.Consumer<BufferedWriter> body) throws IOException {
        try {
            OutputFiles.write(target, force, w -> {
                BufferedWriter writer = new BufferedWriter(w);
                body.accept(writer);
                writer.flush();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
