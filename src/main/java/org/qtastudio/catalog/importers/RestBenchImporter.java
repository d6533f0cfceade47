package org.qtastudio.catalog.importers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A RestBench query file ({@code tmdb.json}, {@code spotify.json}: a list of {@code {query, solution}}): queries
 * only, imported into the catalog of their API (pass {@code --catalog}; the default is the file's base name).
 * Gold = the {@code solution} API strings, matched to tool keys by the import service, which normalises stray
 * spaces and reports what still matches nothing.
 *
 * <p>Keys are {@code restbench:<file base name>:<index>}, stable across re-imports. Split: the one the user
 * passes, else {@code train} (every RestBench query has gold). A query whose exact text the catalog already
 * holds (e.g. the 90 MTRB test queries when {@code tmdb.json} goes into {@code mtrb-restbench}) is left as it is
 * and counted unchanged, so that import adds just the 10 queries MTRB does not test, as training data.
 */
public final class RestBenchImporter implements CatalogImporter {

    @Override
    public String format() {
        return "restbench";
    }

    @Override
    public String description() {
        return "RestBench query file (list of {query, solution}); into an existing catalog (--catalog)";
    }

    @Override
    public int detect(ImportSource source) throws IOException {
        if (source.isFolder()) {
            return Files.exists(source.path().resolve("tmdb_oas.json")) || Files.exists(source.path().resolve("spotify_oas.json")) ? 50 : 0;
        }
        if (!source.fileName().endsWith(".json")) {
            return 0;
        }
        String head = source.head();
        return head.stripLeading().startsWith("[") && head.contains("\"solution\"") && head.contains("\"query\"") ? 90 : 0;
    }

    @Override
    public void read(ImportSource source, ImportSink sink) throws IOException {
        Path file = source.path();
        if (source.isFolder()) {
            // one catalog per API: a TMDB tool and a Spotify tool do not belong in one retrieval corpus
            throw new ImportException(file, "the RestBench folder holds two APIs, each its own catalog; import a spec, then its queries:"
                    + " import " + file.resolve("tmdb_oas.json") + " --catalog tmdb, then import " + file.resolve("tmdb.json")
                    + " --catalog tmdb (and the same for spotify)");
        }
        String prefix = "restbench:" + source.baseName() + ":";
        SourceFiles.elements(file, Set.of(), (node, index) -> {
            String text = SourceFiles.requireText(file, node, "query");
            JsonNode solution = node.get("solution");
            if (solution == null || !solution.isArray()) {
                throw new ImportException(file, "missing required field 'solution' (a list of API strings such as \"GET /search/movie\")");
            }
            List<String> gold = new ArrayList<>();
            solution.forEach(s -> gold.add(s.asText()));
            sink.query(new QueryDraft(prefix + index, text.strip(), source.splitFor(!gold.isEmpty()), gold));
        });
    }
}
