package org.qtastudio.app.results;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.qtastudio.common.Json;
import org.qtastudio.common.OutputFiles;
import org.qtastudio.eval.Csv;
import org.qtastudio.retrieval.Ranking;

/**
 * Writes a comparison query by query, so that what the Results screen shows can be analysed elsewhere: JSON
 * Lines (one object per query) or, for a file named {@code *.csv}, CSV with a header (lists joined by {@code ;}).
 * {@code rewrite_fallback} is true for a query whose rewrite came back empty or repeated the query, so the original
 * query was ranked in its place.
 */
public final class BeforeAfterExport {

    private static final CsvMapper CSV = new CsvMapper();

    private BeforeAfterExport() {
    }

    /** One query as exported; the shared words are those highlighted on screen. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"query_key", "before_run", "after_run", "before_text", "after_text", "gold", "worst_rank_before",
            "worst_rank_after", "change", "rewrite_fallback", "shared_words_before", "shared_words_after"})
    record Row(String queryKey, long beforeRun, long afterRun, String beforeText, String afterText, List<String> gold,
               Integer worstRankBefore, Integer worstRankAfter, String change, boolean rewriteFallback, List<String> sharedWordsBefore,
               List<String> sharedWordsAfter) {

        static Row of(BeforeAfter c, QueryChange q) {
            return new Row(q.key(), c.before().id(), c.after().id(), q.beforeText(), q.afterText(), q.gold(), returned(q.worstRankBefore()),
                    returned(q.worstRankAfter()), q.change().id(), q.fallback(), SharedWords.words(q.beforeWords()), SharedWords.words(q.afterWords()));
        }
    }

    /** A rank, or null (empty in CSV) where a partial ranking did not return a gold tool. */
    private static Integer returned(int rank) {
        return rank == Ranking.NOT_RETURNED ? null : rank;
    }

    /** Writes every query of {@code comparison} to {@code file}, whole or not at all; returns how many. */
    public static int write(BeforeAfter comparison, Path file) throws IOException {
        List<Row> rows = comparison.queries().stream().map(q -> Row.of(comparison, q)).toList();
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        // the file chooser has asked before replacing a file; OutputFiles still refuses a workspace, and honours the umask
        OutputFiles.write(file, true, out -> {
            if (csv) {
                List<Row> safe = rows.stream().map(BeforeAfterExport::neutralised).toList();
                CSV.writer(CSV.schemaFor(Row.class).withHeader()).writeValues(out).writeAll(safe).flush(); // OutputFiles closes `out`
            } else {
                for (Row row : rows) {
                    out.write(Json.write(row));
                    out.write('\n');
                }
            }
        });
        return rows.size();
    }

    /** Text cells a spreadsheet would run as formulas get a leading quote (OWASP's CSV-injection rule). */
    private static Row neutralised(Row r) {
        java.util.function.UnaryOperator<List<String>> list = l -> l.stream().map(Csv::neutralised).toList();
        return new Row(Csv.neutralised(r.queryKey()), r.beforeRun(), r.afterRun(), Csv.neutralised(r.beforeText()),
                Csv.neutralised(r.afterText()), list.apply(r.gold()), r.worstRankBefore(), r.worstRankAfter(), r.change(),
                r.rewriteFallback(),
                list.apply(r.sharedWordsBefore()), list.apply(r.sharedWordsAfter()));
    }
}
