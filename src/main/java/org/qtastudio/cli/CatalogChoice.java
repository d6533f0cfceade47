package org.qtastudio.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;

/** Resolves {@code --catalog}: a name, or the only catalog of the workspace when none is given. */
final class CatalogChoice {

    private CatalogChoice() {
    }

    static Catalog resolve(CatalogStore store, String name) {
        if (name != null) {
            return store.require(name);
        }
        List<Catalog> all = store.catalogs();
        if (all.size() == 1) {
            return all.get(0);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the workspace " + store.workspace().file() + " has no catalogs; import one first");
        }
        throw new IllegalArgumentException("the workspace has several catalogs; choose one with --catalog: "
                + all.stream().map(Catalog::name).collect(Collectors.joining(", ")));
    }
}
