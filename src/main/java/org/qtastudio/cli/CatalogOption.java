package org.qtastudio.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.catalog.CatalogStore;
import picocli.CommandLine.Option;

/** {@code --catalog NAME}, optional when the workspace has exactly one catalog. */
public final class CatalogOption {

    @Option(names = {"-c", "--catalog"}, paramLabel = "NAME", description = "Catalog (default: the only one, if there is one).")
    String name;

    /** The named catalog, or the only one; otherwise an error that lists the names to choose from. */
    Catalog resolve(CatalogStore store) {
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
