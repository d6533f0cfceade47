package org.qtastudio.retrieval;

import java.util.List;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Hashing;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.bm25.LuceneBm25Retriever;
import org.qtastudio.retrieval.bm25.PaperBm25Retriever;
import org.qtastudio.retrieval.dense.DenseRetriever;
import org.qtastudio.retrieval.dense.Embedder;
import org.qtastudio.retrieval.dense.EmbeddingStore;
import org.qtastudio.retrieval.dense.EmbeddingModels;
import org.qtastudio.retrieval.platform.Bm25ToolSearch;
import org.qtastudio.retrieval.platform.RegexToolSearch;
import org.qtastudio.store.Workspace;

/**
 * Builds retrievers for catalogs of a workspace from their specs: BM25 indexes live in the workspace's
 * side folder (rebuilt when the catalog's tools or the spec change), embeddings in its cache. Keeps loaded
 * embedding models until closed.
 */
public final class Retrievers implements AutoCloseable {

    /** Texts per embedding model call. */
    public static final int DEFAULT_BATCH = 32;

    private final Workspace workspace;
    private final CatalogStore catalogs;
    private final EmbeddingModels models;
    private final boolean cacheQueries;

    /** Retrievers whose query embeddings are cached with the tools' (an evaluation's queries come back). */
    public Retrievers(Workspace workspace) {
        this(workspace, true);
    }

    /**
     * @param cacheQueries false for a server: its users' queries are not kept in the workspace (an embedding gives much
     *     of its text away), and a cache that grew with every request would fill it; tool embeddings are cached still
     */
    public Retrievers(Workspace workspace, boolean cacheQueries) {
        this.workspace = workspace;
        this.catalogs = new CatalogStore(workspace);
        this.models = new EmbeddingModels(workspace);
        this.cacheQueries = cacheQueries;
    }

    /** The embedding models this factory loads from; register new model folders here so they share its loaded models. */
    public EmbeddingModels models() {
        return models;
    }

    /** Opens a retriever over a catalog's tools; a catalog without tools is refused with a clear error. */
    public Retriever open(Catalog catalog, RetrieverSpec spec, Progress progress) {
        List<Tool> tools = catalogs.tools(catalog.id());
        if (tools.isEmpty()) {
            throw new IllegalArgumentException("catalog '" + catalog.name() + "' has no tools; import a tool catalog into it first");
        }
        return open(catalog, tools, catalogs.toolsFingerprint(catalog.id()), spec, progress);
    }

    private Retriever open(Catalog catalog, List<Tool> tools, String fingerprint, RetrieverSpec spec, Progress progress) {
        return switch (spec) {
            case RetrieverSpec.Bm25 bm25 -> bm25Index(catalog, tools, fingerprint, bm25, progress);
            case RetrieverSpec.PaperBm25 paper -> new PaperBm25Retriever(tools, paper);
            case RetrieverSpec.Dense dense -> {
                Embedder cached = new Embedder(models.get(dense.model()), new EmbeddingStore(workspace), DEFAULT_BATCH);
                yield new DenseRetriever(tools, dense, cached, cacheQueries ? cached : new Embedder(cached.model(), null, DEFAULT_BATCH),
                        progress);
            }
            case RetrieverSpec.Hybrid hybrid -> {
                Retriever a = open(catalog, tools, fingerprint, hybrid.first(), progress);
                try {
                    yield new FusionRetriever(hybrid, a, open(catalog, tools, fingerprint, hybrid.second(), progress));
                } catch (RuntimeException e) {
                    a.close();
                    throw e;
                }
            }
            case RetrieverSpec.ToolSearchRegex regex -> new RegexToolSearch(tools, regex);
            case RetrieverSpec.ToolSearchBm25 search -> new Bm25ToolSearch(search, bm25Index(catalog, tools, fingerprint, search.lucene(), progress));
        };
    }

    private LuceneBm25Retriever bm25Index(Catalog catalog, List<Tool> tools, String fingerprint, RetrieverSpec.Bm25 spec, Progress progress) {
        return LuceneBm25Retriever.openOrBuild(
                workspace.sideFolder("indexes/bm25/catalog-" + catalog.id() + "-" + Hashing.sha256Hex(spec.toJson()).substring(0, 12)),
                fingerprint, tools, spec, progress);
    }

    @Override
    public void close() {
        models.close();
    }
}
