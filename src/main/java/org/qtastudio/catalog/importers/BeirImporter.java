package org.qtastudio.catalog.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Json;

/**
 * A BEIR folder: {@code corpus.jsonl} ({@code _id, title, text}) becomes the tools (key {@code _id}, name
 * {@code title}, description {@code text}), {@code queries.jsonl} ({@code _id, text}) the queries (key
 * {@code beir:<_id>}), and {@code qrels/*.tsv} (header {@code query-id corpus-id score}) their gold: score &gt; 0.
 * The split comes from the qrels file name: {@code test} -> test, {@code train}/{@code dev} -> train (unless the
 * user passes one); queries no qrels file names are unlabelled. The corpus is streamed; queries are held by id
 * until the qrels are read.
 */
public final class BeirImporter implements CatalogImporter {

    @Override
    public String format() {
        return "beir";
    }

    @Override
    public String description() {
        return "BEIR folder: corpus.jsonl, queries.jsonl, qrels/*.tsv";
    }

    @Override
    public int detect(ImportSource source) {
        return source.isFolder() && Files.exists(source.path().resolve("corpus.jsonl")) ? 100 : 0;
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        Path folder = source.path();
        Path corpus = folder.resolve("corpus.jsonl");
        if (!Files.exists(corpus)) {
            throw new ImportException(folder, "not a BEIR folder: corpus.jsonl is missing");
        }
        SourceFiles.lines(corpus, (node, index) -> {
            String id = SourceFiles.requireText(corpus, node, "_id");
            sink.tool(new Tool(id, SourceFiles.text(node, "title"), SourceFiles.text(node, "text"), null, null, List.of(),
                    null, List.of(), "beir", Json.write(node)));
        });
        Path queriesFile = folder.resolve("queries.jsonl");
        if (!Files.exists(queriesFile)) {
            sink.warning("no queries.jsonl in " + folder + "; imported the corpus only");
            return;
        }
        Map<String, Query> queries = new LinkedHashMap<>();
        SourceFiles.lines(queriesFile, (node, index) -> {
            String id = SourceFiles.requireText(queriesFile, node, "_id");
            queries.put(id, new Query(SourceFiles.requireText(queriesFile, node, "text"), new ArrayList<>()));
        });
        for (Path qrels : qrelsFiles(folder)) {
            readQrels(qrels, queries, source, sink);
        }
        queries.forEach((id, q) -> sink.query(new QueryDraft("beir:" + id, q.text.strip(),
                q.split == null ? source.splitOr(Split.UNLABELLED) : q.split, q.gold)));
    }

    private static List<Path> qrelsFiles(Path folder) throws IOException {
        Path dir = folder.resolve("qrels");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
        }
    }

    private static void readQrels(Path file, Map<String, Query> queries, ImportSource source, ImportSink sink) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Split split = source.splitOr(name.startsWith("test") ? Split.TEST : Split.TRAIN);
        int[] unknown = {0};
        SourceFiles.tsvRows(file, (row, line) -> {
            String queryId = row.get("query-id");
            String corpusId = row.get("corpus-id");
            String score = row.get("score");
            if (queryId == null || corpusId == null || score == null) {
                throw new ImportException(file, "expected the header 'query-id<TAB>corpus-id<TAB>score'");
            }
            Query q = queries.get(queryId.strip());
            if (q == null) {
                unknown[0]++;
                return;
            }
            double value;
            try {
                value = Double.parseDouble(score.strip());
            } catch (NumberFormatException e) {
                throw new ImportException(file, line, -1, "score '" + score + "' is not a number");
            }
            if (value > 0) {
                if (q.split != null && q.split != split) {
                    sink.warning("query " + queryId + " has qrels in more than one split; kept " + q.split.id());
                } else {
                    q.split = split;
                }
                q.gold.add(corpusId.strip());
            }
        });
        if (unknown[0] > 0) {
            sink.warning(file.getFileName() + ": " + unknown[0] + " rows name queries that queries.jsonl lacks; skipped");
        }
    }

    private static final class Query {
        final String text;
        final List<String> gold;
        Split split;

        Query(String text, List<String> gold) {
            this.text = text;
            this.gold = gold;
        }
    }
}
