package org.qtastudio.retrieval.bm25;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogByteSizeMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.TextField;
import org.qtastudio.retrieval.ToolKeys;

/**
 * BM25 on a Lucene index of one text field per tool (the chosen fields joined). Documents are added in
 * catalog order and merged into one segment with an order-preserving merge policy, so a Lucene doc id is
 * the tool's catalog position and Lucene's own tie-break (lower doc id first) is catalog order.
 *
 * <p>{@linkplain #threadSafe() Thread-safe}: Lucene's {@link IndexSearcher} and its reader serve concurrent searches,
 * the analyzer keeps one token stream per thread, and the only state a search changes is the warning list.
 */
public final class LuceneBm25Retriever implements Retriever {

    private static final String FIELD = "text";
    private static final String META = "index.json";
    private static final FieldType TEXT_TYPE = new FieldType();

    static {
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        TEXT_TYPE.setTokenized(true);
        TEXT_TYPE.freeze();
    }

    private final RetrieverSpec.Bm25 spec;
    private final ToolKeys keys;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final boolean built;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private LuceneBm25Retriever(RetrieverSpec.Bm25 spec, ToolKeys keys, Directory directory, boolean built) throws IOException {
        this.spec = spec;
        this.keys = keys;
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        if (reader.maxDoc() != keys.size()) {
            reader.close();
            throw new IllegalStateException("BM25 index holds " + reader.maxDoc() + " tools, the catalog " + keys.size());
        }
        this.searcher = new IndexSearcher(reader);
        this.searcher.setSimilarity(new BM25Similarity((float) spec.k1(), (float) spec.b()));
        this.analyzer = spec.analyzer().create();
        this.built = built;
    }

    /** An index in memory, for tests and one-off use. */
    public static LuceneBm25Retriever inMemory(List<Tool> tools, RetrieverSpec.Bm25 spec) {
        try {
            Directory dir = new ByteBuffersDirectory();
            write(dir, tools, spec, Progress.NONE);
            return new LuceneBm25Retriever(spec, ToolKeys.of(tools), dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens the index kept in {@code folder}, rebuilding it first when it is missing or was built from other
     * tools (a different {@code toolsFingerprint}) or another spec.
     */
    public static LuceneBm25Retriever openOrBuild(Path folder, String toolsFingerprint, List<Tool> tools,
                                                  RetrieverSpec.Bm25 spec, Progress progress) {
        Path metaFile = folder.resolve(META);
        String meta = Json.write(Map.of("fingerprint", toolsFingerprint, "spec", spec.toJson(), "tools", tools.size()));
        try {
            // The meta file names the index folder it describes. Each build writes a folder of its own (named after
            // the process), renames it into place and then replaces the meta file atomically, so two processes
            // building at once never share files and a reader always finds a complete index.
            String stored = Files.exists(metaFile) ? Files.readString(metaFile, StandardCharsets.UTF_8) : "";
            int nl = stored.indexOf('\n');
            Path indexDir = nl > 0 ? folder.resolve(stored.substring(nl + 1).strip()) : null;
            boolean fresh = indexDir != null && stored.substring(0, nl).equals(meta) && indexDir.getParent().equals(folder)
                    && Files.isDirectory(indexDir);
            if (!fresh) {
                String name = "index-" + ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
                Path tmp = folder.resolve(name + ".tmp");
                try (Directory dir = FSDirectory.open(tmp)) {
                    write(dir, tools, spec, progress);
                }
                indexDir = folder.resolve(name);
                Files.move(tmp, indexDir, StandardCopyOption.ATOMIC_MOVE);
                Path metaTmp = folder.resolve(META + "." + name + ".tmp");
                Files.writeString(metaTmp, meta + "\n" + name, StandardCharsets.UTF_8);
                Files.move(metaTmp, metaFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeStaleIndexes(folder, name);
            }
            return new LuceneBm25Retriever(spec, ToolKeys.of(tools), FSDirectory.open(indexDir), !fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build or open the BM25 index in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void write(Directory dir, List<Tool> tools, RetrieverSpec.Bm25 spec, Progress progress) throws IOException {
        LogByteSizeMergePolicy mergePolicy = new LogByteSizeMergePolicy();
        IndexWriterConfig config = new IndexWriterConfig(spec.analyzer().create())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setSimilarity(new BM25Similarity((float) spec.k1(), (float) spec.b()))
                .setRAMBufferSizeMB(256)
                .setMergePolicy(mergePolicy);
        config.setUseCompoundFile(false);
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            int done = 0;
            for (Tool tool : tools) {
                Document doc = new Document();
                doc.add(new Field(FIELD, TextField.document(tool, spec.fields()), TEXT_TYPE));
                writer.addDocument(doc);
                if (++done % 2000 == 0) {
                    progress.checkCancelled();
                    progress.update("Indexing tools for BM25", done, tools.size());
                }
            }
            writer.forceMerge(1);
            writer.commit();
            progress.update("Indexed tools for BM25", done, tools.size());
        }
    }

    /** Whether opening this retriever (re)built its index. */
    public boolean built() {
        return built;
    }

    @Override
    public RetrieverSpec spec() {
        return spec;
    }

    @Override
    public ToolKeys tools() {
        return keys;
    }

    @Override
    public Ranking rank(String query) {
        double[] scores = new double[keys.size()];
        if (keys.size() > 0) {
            for (ScoreDoc sd : topDocs(query, keys.size())) {
                scores[sd.doc] = sd.score;
            }
        }
        return Ranking.byScore(keys, scores);
    }

    @Override
    public List<Hit> search(String query, int k) {
        int n = Math.min(k, keys.size());
        List<Hit> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        ScoreDoc[] docs = topDocs(query, n);
        java.util.BitSet seen = new java.util.BitSet(keys.size());
        for (ScoreDoc sd : docs) {
            out.add(new Hit(out.size() + 1, keys.key(sd.doc), sd.score));
            seen.set(sd.doc);
        }
        // tools that do not match at all score 0 and follow in catalog order, as in rank()
        for (int i = seen.nextClearBit(0); out.size() < n; i = seen.nextClearBit(i + 1)) {
            out.add(new Hit(out.size() + 1, keys.key(i), 0));
        }
        return out;
    }

    private ScoreDoc[] topDocs(String query, int n) {
        try {
            // exact top n; counting hits only up to n lets block-max WAND skip non-competitive documents early
            return searcher.search(toQuery(Retriever.requireQuery(query)), new TopScoreDocCollectorManager(n, null, n)).scoreDocs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The analysed query terms as a disjunction; a term repeated in the query counts that many times. */
    Query toQuery(String text) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            ts.end();
        }
        int max = IndexSearcher.getMaxClauseCount();
        if (counts.size() > max) {
            warnings.add("query has " + counts.size() + " distinct terms; only the first " + max + " were used");
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        counts.entrySet().stream().limit(max).forEach(e -> {
            Query q = new TermQuery(new Term(FIELD, e.getKey()));
            builder.add(e.getValue() == 1 ? q : new BoostQuery(q, e.getValue()), BooleanClause.Occur.SHOULD);
        });
        return builder.build();
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes index folders other than {@code current} that no build has touched for a minute (best effort). */
    private static void removeStaleIndexes(Path folder, String current) {
        long cutoff = System.currentTimeMillis() - 60_000;
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.toList()) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && !n.equals(current) && (n.equals("index") || n.startsWith("index-") || n.equals("index.tmp"))
                        && Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    try {
                        deleteTree(p);
                    } catch (IOException ignored) {
                        // still open elsewhere (Windows): removed by a later build
                    }
                }
            }
        } catch (IOException ignored) {
            // cleaning up is optional
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
