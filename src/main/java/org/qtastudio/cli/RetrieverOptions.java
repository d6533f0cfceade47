package org.qtastudio.cli;

import java.util.List;
import java.util.Locale;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.TextField;
import org.qtastudio.retrieval.bm25.Bm25Analyzer;
import picocli.CommandLine.Option;

/** Retriever choice and settings shared by {@code search} and {@code eval}; turns them into a {@link RetrieverSpec}. */
public final class RetrieverOptions {

    @Option(names = "--retriever", paramLabel = "NAME",
            description = "bm25 (Lucene), bm25-paper (rank_bm25 BM25Okapi as in the MTRB paper), dense, hybrid (RRF), or the agent "
                    + "platforms' built-in tool search as a baseline: tool-search-regex or tool-search-bm25 (docs/platform-baselines.md). "
                    + "Default: ${DEFAULT-VALUE}")
    String retriever = "bm25";

    @Option(names = "--text-fields", paramLabel = "LIST",
            description = "Tool fields indexed or embedded, comma-separated from key, name, description, method, path, parameters, "
                    + "category, tags. Default: bm25 name,method,path,description,parameters; dense method,path,description; "
                    + "bm25-paper description; tool-search-regex and tool-search-bm25 name,description,parameters (for the regex "
                    + "search also the order in which fields rank a match)")
    String textFields;

    @Option(names = "--analyzer", description = "BM25 analyzer: english, standard, whitespace or identifier. Default: ${DEFAULT-VALUE}")
    String analyzer = "english";

    @Option(names = "--k1", description = "BM25 k1. Default: 1.2 (bm25-paper: 1.5)")
    Double k1;

    @Option(names = "--b", description = "BM25 b. Default: ${DEFAULT-VALUE}")
    double b = 0.75;

    @Option(names = "--epsilon", description = "bm25-paper: floor for negative IDFs as a share of the mean IDF. Default: ${DEFAULT-VALUE}")
    double epsilon = 0.25;

    @Option(names = "--embedding-model", description = "Dense embedding model: the built-in all-MiniLM-L6-v2 or a registered name. Default: ${DEFAULT-VALUE}")
    String model = RetrieverSpec.Dense.DEFAULT_MODEL;

    @Option(names = "--fuse", paramLabel = "A,B", description = "hybrid: the two retrievers fused. Default: ${DEFAULT-VALUE}")
    String fuse = "bm25,dense";

    @Option(names = "--raw-pattern", description = "tool-search-regex: use each query as the regular expression itself "
            + "(at most 200 characters, matched case-insensitively) instead of joining its words into one")
    boolean rawPattern;

    @Option(names = "--rrf-k", description = "hybrid: reciprocal rank fusion constant. Default: ${DEFAULT-VALUE}")
    int rrfK = RetrieverSpec.Hybrid.DEFAULT_K;

    /** The spec these options describe; errors name the bad option. */
    public RetrieverSpec spec() {
        return spec(retriever.strip().toLowerCase(Locale.ROOT));
    }

    private RetrieverSpec spec(String name) {
        return switch (name) {
            case "bm25" -> new RetrieverSpec.Bm25(fields(RetrieverSpec.Bm25.DEFAULT_FIELDS), Bm25Analyzer.parse(analyzer),
                    k1 == null ? RetrieverSpec.Bm25.DEFAULT_K1 : k1, b);
            case "bm25-paper" -> new RetrieverSpec.PaperBm25(fields(List.of(TextField.DESCRIPTION)), k1 == null ? 1.5 : k1, b, epsilon);
            case "dense" -> new RetrieverSpec.Dense(model, fields(RetrieverSpec.Dense.DEFAULT_FIELDS));
            case "hybrid" -> {
                String[] parts = fuse.split(",");
                if (parts.length != 2 || parts[0].strip().equals("hybrid") || parts[1].strip().equals("hybrid")) {
                    throw new IllegalArgumentException("--fuse needs two retrievers other than hybrid separated by a comma, e.g. bm25,dense, got '" + fuse + "'");
                }
                yield new RetrieverSpec.Hybrid(spec(parts[0].strip()), spec(parts[1].strip()), rrfK);
            }
            case "tool-search-regex" -> new RetrieverSpec.ToolSearchRegex(fields(RetrieverSpec.ToolSearchRegex.DEFAULT_FIELDS), rawPattern);
            case "tool-search-bm25" -> new RetrieverSpec.ToolSearchBm25(fields(RetrieverSpec.ToolSearchRegex.DEFAULT_FIELDS));
            default -> throw new IllegalArgumentException("unknown retriever '" + name
                    + "' (expected bm25, bm25-paper, dense, hybrid, tool-search-regex or tool-search-bm25)");
        };
    }

    private List<TextField> fields(List<TextField> fallback) {
        return textFields == null ? fallback : TextField.parseList(textFields);
    }
}
