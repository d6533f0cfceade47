package org.qtastudio.catalog.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.importers.QueryDraft;

/** Gold references against namespaced keys: a bare name resolves when one tool fits, and only on a namespace boundary. */
class GoldResolverTest {

    private static final List<String> KEYS = List.of("API/GET /search/movie", "API/GET /person/{person_id}",
            "@org/github/search", "brave/search", "github/create_issue");

    private static GoldResolver.Resolution resolve(GoldResolver resolver, String... refs) {
        return resolver.resolve(new QueryDraft("q", "text", Split.TRAIN, List.of(refs)));
    }

    @Test
    void bareNamesResolveToTheOneNamespacedKeyThatHasThem() {
        GoldResolver resolver = new GoldResolver(KEYS);
        GoldResolver.Resolution r = resolve(resolver, "GET /search/movie", " get  /person/{movie_id} ", "create_issue", "github/search");
        assertEquals(List.of("API/GET /search/movie", "API/GET /person/{person_id}", "github/create_issue", "@org/github/search"), r.keys());
        assertEquals(List.of(), r.unresolved());
        assertEquals(4, resolver.resolvedByNormalisation());
    }

    @Test
    void aNameSeveralToolsHaveIsAmbiguousWithItsCandidates() {
        GoldResolver resolver = new GoldResolver(KEYS);
        GoldResolver.Resolution r = resolve(resolver, "search");
        assertEquals(List.of("search"), r.unresolved());
        ImportReport.UnmatchedGold u = resolver.unmatched().get(0);
        assertEquals(List.of("@org/github/search", "brave/search"), u.candidates());
        assertEquals("ambiguous: fits 2 tools (@org/github/search, brave/search); give the full key", u.reason());
    }

    @Test
    void aPieceOfAPathIsNoName() {
        GoldResolver resolver = new GoldResolver(KEYS);
        GoldResolver.Resolution r = resolve(resolver, "movie", "search/movie");
        assertEquals(List.of(), r.keys(), "only the part after the API's '/' is a local name, not the path's own segments");
        assertEquals("matches no tool", resolver.unmatched().get(0).reason());
    }
}
