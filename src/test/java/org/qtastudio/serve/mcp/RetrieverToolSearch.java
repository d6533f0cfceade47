package org.qtastudio.serve.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.Tool;
import org.qtastudio.common.Json;
import org.qtastudio.common.Progress;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.Retriever;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.Retrievers;
import org.qtastudio.serve.ServedTool;
import org.qtastudio.serve.ToolSearch;
import org.qtastudio.serve.ToolSearchRequest;
import org.qtastudio.serve.ToolSearchResponse;
import org.qtastudio.store.Workspace;

/**
 * The MCP server tests' {@link ToolSearch}: a real BM25 retriever over a catalog of a workspace, so that what the
 * server answers is a real ranking (the service with the rewriter is another package's work). A namespace keeps the
 * tools of that category; an unknown one is refused, as the service refuses it.
 */
final class RetrieverToolSearch implements ToolSearch {

    private final String catalog;
    private final Retrievers retrievers;
    private final Retriever retriever;
    private final Map<String, Tool> tools;

    private RetrieverToolSearch(String catalog, Retrievers retrievers, Retriever retriever, Map<String, Tool> tools) {
        this.catalog = catalog;
        this.retrievers = retrievers;
        this.retriever = retriever;
        this.tools = tools;
    }

    static RetrieverToolSearch open(Workspace workspace, String catalogName) {
        CatalogStore store = new CatalogStore(workspace);
        Catalog catalog = store.require(catalogName);
        Retrievers retrievers = new Retrievers(workspace);
        Retriever retriever = retrievers.open(catalog, RetrieverSpec.Bm25.defaults(), Progress.NONE);
        Map<String, Tool> tools = store.tools(catalog.id()).stream().collect(Collectors.toMap(Tool::key, Function.identity()));
        return new RetrieverToolSearch(catalogName, retrievers, retriever, tools);
    }

    /** The retriever is for one thread at a time. */
    @Override
    public synchronized ToolSearchResponse search(ToolSearchRequest request) {
        long start = System.nanoTime();
        String namespace = request.namespace();
        if (namespace != null && tools.values().stream().noneMatch(t -> namespace.equals(t.category()))) {
            throw new IllegalArgumentException("unknown namespace '" + namespace + "'; the catalog's namespaces are "
                    + new TreeSet<>(tools.values().stream().map(Tool::category).filter(c -> c != null).toList()));
        }
        Ranking ranking = retriever.rank(request.query());
        List<ServedTool> served = new ArrayList<>();
        for (int i = 0; i < ranking.returned() && served.size() < request.k(); i++) {
            Hit hit = ranking.hit(i);
            Tool tool = tools.get(hit.key());
            if (namespace == null || namespace.equals(tool.category())) {
                served.add(new ServedTool(served.size() + 1, tool.key(), tool.name(), tool.category(), tool.description(),
                        inputSchema(tool), hit.score()));
            }
        }
        return new ToolSearchResponse(request.query(), null, null, served, (System.nanoTime() - start) / 1000);
    }

    private static JsonNode inputSchema(Tool tool) {
        JsonNode schema = Json.read(tool.documentJson(), new TypeReference<JsonNode>() { }).path("inputSchema");
        return schema.isObject() ? schema : Json.MAPPER.createObjectNode().put("type", "object");
    }

    @Override
    public String describe() {
        return "catalog '" + catalog + "' (" + tools.size() + " tools), BM25";
    }

    @Override
    public void close() {
        retriever.close();
        retrievers.close();
    }
}
