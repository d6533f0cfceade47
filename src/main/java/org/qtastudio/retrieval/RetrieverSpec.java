package org.qtastudio.retrieval;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;
import org.qtastudio.common.Json;
import org.qtastudio.retrieval.bm25.Bm25Analyzer;

/**
 * Everything that determines a retriever's rankings, as a value that is stored as JSON with every
 * evaluation run (so a run can be understood and repeated) and hashed to name derived indexes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RetrieverSpec.Bm25.class, name = "bm25"),
        @JsonSubTypes.Type(value = RetrieverSpec.PaperBm25.class, name = "bm25-paper"),
        @JsonSubTypes.Type(value = RetrieverSpec.Dense.class, name = "dense"),
        @JsonSubTypes.Type(value = RetrieverSpec.Hybrid.class, name = "hybrid"),
        @JsonSubTypes.Type(value = RetrieverSpec.ToolSearchRegex.class, name = "tool-search-regex"),
        @JsonSubTypes.Type(value = RetrieverSpec.ToolSearchBm25.class, name = "tool-search-bm25")})
public sealed interface RetrieverSpec {

    /** A one-line summary for tables and reports. */
    String describe();

    /** This spec as JSON. */
    default String toJson() {
        return Json.write(this);
    }

    static RetrieverSpec fromJson(String json) {
        return Json.read(json, new com.fasterxml.jackson.core.type.TypeReference<RetrieverSpec>() { });
    }

    /** Lucene BM25 over the chosen fields joined into one text. */
    record Bm25(List<TextField> fields, Bm25Analyzer analyzer, double k1, double b) implements RetrieverSpec {
        /**
         * Every field that carries words a query may share: measured on MTRB and on BFCL's function catalogs, the
         * tool name and the parameters lift BM25 on function catalogs and never lower it on MTRB (docs/mtrb.md,
         * "How the defaults were chosen").
         */
        public static final List<TextField> DEFAULT_FIELDS = List.of(TextField.NAME, TextField.METHOD, TextField.PATH,
                TextField.DESCRIPTION, TextField.PARAMETERS);
        public static final double DEFAULT_K1 = 1.2;
        public static final double DEFAULT_B = 0.75;

        public Bm25 {
            fields = requireFields(fields);
            Objects.requireNonNull(analyzer, "analyzer");
            if (!(k1 >= 0) || !(b >= 0 && b <= 1)) {
                throw new IllegalArgumentException("BM25 needs k1 >= 0 and 0 <= b <= 1, got k1=" + k1 + " b=" + b);
            }
        }

        public static Bm25 defaults() {
            return new Bm25(DEFAULT_FIELDS, Bm25Analyzer.ENGLISH, DEFAULT_K1, DEFAULT_B);
        }

        @Override
        public String describe() {
            return "BM25 (Lucene, " + analyzer.id() + ", k1=" + k1 + ", b=" + b + ") on " + TextField.toList(fields);
        }
    }

    /**
     * BM25 exactly as Python's rank_bm25 {@code BM25Okapi} computes it (case-sensitive whitespace tokens,
     * negative IDFs replaced by epsilon times the mean IDF), which is what the MTRB paper's BM25 row used.
     */
    record PaperBm25(List<TextField> fields, double k1, double b, double epsilon) implements RetrieverSpec {
        public PaperBm25 {
            fields = requireFields(fields);
        }

        public static PaperBm25 defaults() {
            return new PaperBm25(List.of(TextField.DESCRIPTION), 1.5, 0.75, 0.25);
        }

        @Override
        public String describe() {
            return "BM25Okapi (paper-compatible, k1=" + k1 + ", b=" + b + ", epsilon=" + epsilon + ") on " + TextField.toList(fields);
        }
    }

    /** Cosine similarity of embeddings from a named model (the built-in all-MiniLM-L6-v2 or a registered one). */
    record Dense(String model, List<TextField> fields) implements RetrieverSpec {
        public static final String DEFAULT_MODEL = "all-MiniLM-L6-v2";
        /**
         * The endpoint and its description: on MTRB the name and the parameters lower all-MiniLM-L6-v2's S@5
         * (docs/mtrb.md, "How the defaults were chosen"), unlike BM25's.
         */
        public static final List<TextField> DEFAULT_FIELDS = List.of(TextField.METHOD, TextField.PATH, TextField.DESCRIPTION);

        public Dense {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("a dense retriever needs a model name");
            }
            fields = requireFields(fields);
        }

        public static Dense defaults() {
            return new Dense(DEFAULT_MODEL, DEFAULT_FIELDS);
        }

        @Override
        public String describe() {
            return "dense " + model + " on " + TextField.toList(fields);
        }
    }

    /** Reciprocal rank fusion of two retrievers: score = 1/(k + rank1) + 1/(k + rank2). */
    record Hybrid(RetrieverSpec first, RetrieverSpec second, int k) implements RetrieverSpec {
        public static final int DEFAULT_K = 60;

        public Hybrid {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
            if (k < 0) {
                throw new IllegalArgumentException("the fusion constant k must be >= 0, got " + k);
            }
        }

        @Override
        public String describe() {
            return "RRF(k=" + k + ") of [" + first.describe() + "] and [" + second.describe() + "]";
        }
    }

    /**
     * The regex tool search of the agent platforms (Anthropic's {@code tool_search_tool_regex}) as a baseline: a
     * pattern searched case-insensitively in each of the fields, only matching tools returned
     * ({@link org.qtastudio.retrieval.platform.RegexToolSearch}).
     *
     * @param fields the fields searched, in priority order for ranking (default name, description, arguments: what
     *               the platform documents)
     * @param rawPattern true to use each query as the regular expression itself; false to make one from its words
     *                   ({@link org.qtastudio.retrieval.platform.SearchPattern#ofQuery})
     */
    record ToolSearchRegex(List<TextField> fields, boolean rawPattern) implements RetrieverSpec {
        /** Name, description, argument names and argument descriptions: what Anthropic's tool search searches. */
        public static final List<TextField> DEFAULT_FIELDS = List.of(TextField.NAME, TextField.DESCRIPTION, TextField.PARAMETERS);

        public ToolSearchRegex {
            fields = requireFields(fields);
        }

        public static ToolSearchRegex defaults() {
            return new ToolSearchRegex(DEFAULT_FIELDS, false);
        }

        @Override
        public String describe() {
            return "tool search, regex (" + (rawPattern ? "query as the pattern" : "query words as alternatives")
                    + ", case-insensitive, matching tools only) on " + TextField.toList(fields);
        }
    }

    /**
     * The BM25 tool search of the agent platforms (Anthropic's {@code tool_search_tool_bm25}) as a baseline: Lucene
     * BM25 with the usual k1 1.2 and b 0.75 and the {@link Bm25Analyzer#IDENTIFIER} analyzer, only tools sharing a
     * word with the query returned ({@link org.qtastudio.retrieval.platform.Bm25ToolSearch}).
     */
    record ToolSearchBm25(List<TextField> fields) implements RetrieverSpec {
        public ToolSearchBm25 {
            fields = requireFields(fields);
        }

        public static ToolSearchBm25 defaults() {
            return new ToolSearchBm25(ToolSearchRegex.DEFAULT_FIELDS);
        }

        /** The Lucene BM25 whose index this search reads. */
        public Bm25 lucene() {
            return new Bm25(fields, Bm25Analyzer.IDENTIFIER, Bm25.DEFAULT_K1, Bm25.DEFAULT_B);
        }

        @Override
        public String describe() {
            return "tool search, " + lucene().describe() + ", matching tools only";
        }
    }

    private static List<TextField> requireFields(List<TextField> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("a retriever needs at least one text field");
        }
        return List.copyOf(fields);
    }
}
