package org.qtastudio.experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qtastudio.align.RewriteEvaluator;
import org.qtastudio.catalog.CatalogStore;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.catalog.importers.MtrbSubset;
import org.qtastudio.eval.MtrbPaper;
import org.qtastudio.eval.ReportTable;
import org.qtastudio.store.Workspace;

/**
 * The QTA paper's Table 2 beside an experiment's grid points, for the points evaluated on exactly one MTRB subset's
 * 90 test queries: the only points whose numbers compare with the published ones.
 */
public final class BesideThePaper {

    /**
     * The comparison for one subset.
     *
     * @param table the paper's rows (in italics), then one row per point evaluated there and system (original,
     *     rewrite, fusion): S@5, S@10 and N@10 in percent
     */
    public record Section(MtrbSubset subset, ReportTable table) {
    }

    private BesideThePaper() {
    }

    /** One section per MTRB test set some finished point was evaluated on, in subset order. */
    public static List<Section> of(Workspace workspace, List<ExperimentStore.Cell> cells, List<ExperimentResults.Point> points) {
        CatalogStore catalogs = new CatalogStore(workspace);
        Map<String, Optional<MtrbSubset>> testSets = new HashMap<>();
        Map<MtrbSubset, List<ExperimentResults.Point>> bySubset = new EnumMap<>(MtrbSubset.class);
        Map<String, String> retrieverOf = new HashMap<>();
        for (ExperimentResults.Point p : points) {
            RewriteEvaluator.Request r = cells.stream().filter(c -> c.point().equals(p.point())).findFirst()
                    .orElseThrow().plan().evaluate();
            retrieverOf.put(p.point(), r.retriever().describe());
            Optional<MtrbSubset> subset = testSets.computeIfAbsent(r.catalog() + "\u0000" + r.split(), k -> catalogs.find(r.catalog())
                    .flatMap(c -> MtrbSubset.testSetOf(catalogs.queries(c.id(), r.split()).stream().map(UserQuery::key).toList())));
            subset.ifPresent(s -> bySubset.computeIfAbsent(s, x -> new ArrayList<>()).add(p));
        }
        List<Section> out = new ArrayList<>();
        for (var e : bySubset.entrySet()) {
            ReportTable t = new ReportTable(List.of("method", "retriever", "S@5", "S@10", "N@10"));
            for (MtrbPaper.Row row : MtrbPaper.table2(e.getKey())) {
                t.row(List.of("*paper: " + row.method() + "*", "", ReportTable.pct(row.s5()), ReportTable.pct(row.s10()),
                        ReportTable.pct(row.n10())));
            }
            for (ExperimentResults.Point p : e.getValue()) {
                for (String system : CellResult.SYSTEMS) {
                    Map<String, ExperimentResults.Stat> s = p.stats().get(system);
                    t.row(List.of(p.point() + ", " + system, retrieverOf.get(p.point()), ReportTable.pct(s.get("S@5").mean()),
                            ReportTable.pct(s.get("S@10").mean()), ReportTable.pct(s.get("NDCG@10").mean())));
                }
            }
            out.add(new Section(e.getKey(), t));
        }
        return out;
    }
}
