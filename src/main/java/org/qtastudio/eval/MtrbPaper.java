package org.qtastudio.eval;

import java.util.List;
import org.qtastudio.catalog.importers.MtrbSubset;

/**
 * Table 2 of the QTA paper (arXiv 2410.03212), in percent, so that reports on an MTRB test set can set their figures
 * beside the published ones. The paper's NDCG is not standard binary NDCG (some of its N@10 are below N@5); ours is.
 */
public final class MtrbPaper {

    /**
     * One method's row for one subset.
     *
     * @param method the paper's name for it
     */
    public record Row(String method, double s5, double s10, double n5, double n10) {
    }

    private MtrbPaper() {
    }

    /** The paper's rows for {@code subset}: BM25, all-MiniLM-L6-v2 zero-shot and fine-tuned, QTA. */
    public static List<Row> table2(MtrbSubset subset) {
        return switch (subset) {
            case RESTBENCH -> List.of(
                    new Row("BM25", 6.67, 17.78, 34.50, 38.32),
                    new Row("all-MiniLM-L6-v2 (zero-shot)", 15.56, 34.44, 52.55, 52.76),
                    new Row("all-MiniLM-L6-v2 (fine-tuned)", 16.67, 32.22, 51.77, 51.29),
                    new Row("QTA (paper)", 32.22, 55.56, 63.50, 62.98));
            case METATOOL -> List.of(
                    new Row("BM25", 37.78, 47.78, 30.94, 33.63),
                    new Row("all-MiniLM-L6-v2 (zero-shot)", 81.11, 84.44, 71.99, 71.65),
                    new Row("all-MiniLM-L6-v2 (fine-tuned)", 81.11, 84.44, 71.99, 71.65),
                    new Row("QTA (paper)", 83.31, 85.56, 72.01, 71.71));
        };
    }

    /** The row named {@code method} for {@code subset}. */
    public static Row row(MtrbSubset subset, String method) {
        return table2(subset).stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the paper's Table 2 has no row '" + method + "'"));
    }
}
