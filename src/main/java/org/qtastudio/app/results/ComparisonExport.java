package org.qtastudio.app.results;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.qtastudio.common.Json;

/**
 * Writes a comparison query by query, so that what the Results screen shows can be analysed elsewhere: JSON
 * Lines (one object per query) or, for a file named {@code *.csv}, CSV with a header (lists joined by {@code ;}).
 * {@code rewrite_fallback} is true for a query whose rewrite came back empty or repeated the query, so the original
 * query was ranked in its place.
 */
public final class ComparisonExport {

    private static final CsvMapper CSV = new CsvMapper();

    private ComparisonExport() {
    }

    /** One query as exported; the shared words are those highlighted on screen. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"query_key", "before_run", "after_run", "before_text", "after_text", "gold", "worst_rank_before",
            "worst_rank_after", "change", "rewrite_fallback", "shared_words_before", "shared_words_after"})
    record Row(String queryKey, long beforeRun, long afterRun, String beforeText, String afterText, List<String> gold,
               int worstRankBefore, int worstRankAfter, String change, boolean rewriteFallback, List<String> sharedWordsBefore,
               List<String> sharedWordsAfter) {

        static Row of(Comparison c, QueryChange q) {
            return new Row(q.key(), c.before().id(), c.after().id(), q.beforeText(), q.afterText(), q.gold(), q.worstRankBefore(),
                    q.worstRankAfter(), q.change().id(), q.fallback(), SharedWords.words(q.beforeWords()), SharedWords.words(q.afterWords()));
        }
    }

    /** Writes every query of {@code comparison} to {@code file}, whole or not at all; returns how many. */
    public static int write(Comparison comparison, Path file) throws IOException {
        List<Row> rows = comparison.queries().stream().map(q -> Row.of(comparison, q)).toList();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try {
            try (Writer out = Files.newBufferedWriter(tmp)) {
                if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    CSV.writer(CSV.schemaFor(Row.class).withHeader()).writeValues(out).writeAll(rows).close();
                } else {
                    for (Row row : rows) {
                        out.write(Json.write(row));
                        out.write('\n');
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return rows.size();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
