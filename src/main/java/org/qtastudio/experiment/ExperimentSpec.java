package org.qtastudio.experiment;

import java.util.List;
import java.util.Locale;
import org.qtastudio.align.AlignSettings;
import org.qtastudio.retrieval.RetrieverSpec;

/**
 * What an experiment varies and what it holds fixed, stored with the experiment so that its cells can be planned
 * again and compared with what ran. Every cell aligns with {@link #settings} (its seed replaced by the cell's)
 * and rewrites the test split greedily with the same instruction, tool documents and rewrite length.
 *
 * @param kind which grid the cells span
 * @param catalogs the catalog (data efficiency, backbones, settings) or the catalogs to cross (transfer, two or more)
 * @param models the model folder, or the backbones to compare (several only for {@link Kind#backbones})
 * @param retrievers the frozen retriever, or the retrievers to compare (several only for setting {@code retriever})
 * @param sizes training-set sizes drawn from the train split (data efficiency only; 0 = the base model, no alignment)
 * @param seeds one cell per seed at each grid point: the seed draws the training queries and seeds the alignment
 * @param setting the setting a {@link Kind#settings} grid varies ({@link SettingGrid#NAMES}, or {@code retriever})
 * @param values the setting's values (a {@link Kind#settings} grid over anything but the retriever)
 * @param batchSize queries rewritten together when evaluating
 */
public record ExperimentSpec(Kind kind, List<String> catalogs, List<String> models, String device, String dtype,
                             List<RetrieverSpec> retrievers, AlignSettings settings, List<Integer> sizes, List<Long> seeds,
                             String setting, List<String> values, int batchSize) {

    /** The grids an experiment can span. */
    public enum Kind {
        /** Training-set size × seed on one catalog. */
        data_efficiency,
        /** Train on one catalog, test on each (itself included), for every catalog; beside the base model on each. */
        transfer,
        /** Several model folders with the same settings. */
        backbones,
        /** One alignment or retrieval setting over several values. */
        settings;

        /** The command-line spelling ({@code data-efficiency}). */
        public String id() {
            return name().replace('_', '-');
        }

        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.id().equals(text.strip().toLowerCase(Locale.ROOT)) || k.name().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown experiment kind '" + text + "' (expected data-efficiency, transfer, backbones or settings)");
        }
    }

    public ExperimentSpec {
        catalogs = List.copyOf(catalogs);
        models = List.copyOf(models);
        retrievers = List.copyOf(retrievers);
        sizes = sizes == null ? List.of() : List.copyOf(sizes);
        seeds = List.copyOf(seeds);
        values = values == null ? List.of() : List.copyOf(values);
        require(!seeds.isEmpty(), "--seeds: give at least one seed");
        require(seeds.stream().distinct().count() == seeds.size(), "--seeds: each seed once, got " + seeds);
        require(!settings.requireReview(), "an experiment cannot stop for a review of the pairs; leave --review out");
        require(batchSize >= 1, "--batch-size: must be at least 1");
        require(kind == Kind.transfer ? catalogs.size() >= 2 && catalogs.stream().distinct().count() == catalogs.size()
                : catalogs.size() == 1, kind == Kind.transfer ? "--catalog: a transfer experiment needs two or more different catalogs"
                : "--catalog: a " + kind.id() + " experiment needs exactly one catalog");
        require(kind == Kind.backbones ? models.size() >= 2 : models.size() == 1,
                kind == Kind.backbones ? "--model: a backbones experiment needs two or more model folders" : "--model: give one model folder");
        boolean retrieverGrid = kind == Kind.settings && "retriever".equals(setting);
        require(retrieverGrid ? retrievers.size() >= 2 : retrievers.size() == 1,
                retrieverGrid ? "--values: a retriever grid needs two or more retrievers" : "one retriever expected");
        if (kind == Kind.data_efficiency) {
            require(!sizes.isEmpty() && sizes.stream().allMatch(n -> n >= 0) && sizes.stream().distinct().count() == sizes.size(),
                    "--sizes: give distinct training-set sizes of 0 or more, got " + sizes);
        } else {
            require(sizes.isEmpty(), "--sizes: only a data-efficiency experiment has training-set sizes");
        }
        if (kind == Kind.settings) {
            require(setting != null, "--setting: name the setting the grid varies (" + String.join(", ", SettingGrid.NAMES) + " or retriever)");
            if (!retrieverGrid) {
                require(values.size() >= 2, "--values: a settings grid needs two or more values of " + setting);
                values.forEach(v -> SettingGrid.apply(settings, setting, v));
            }
        } else {
            require(setting == null && values.isEmpty(), "--setting and --values belong to a settings experiment");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
