package org.qtastudio.align;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.qtastudio.common.Json;
import org.qtastudio.common.OutputFiles;

/**
 * Preference pairs as TRL-style JSONL ({@code prompt}, {@code chosen}, {@code rejected}, plus the scores and
 * review state), the hand-off to multi-GPU DPO trainers when a user outgrows one machine.
 */
public final class PairExport {

    private PairExport() {
    }

    /**
     * Writes the pairs that train (not rejected ones) to {@code file}, whole or not at all; returns how many. An existing
     * file is replaced only with {@code force}, a workspace never (see {@link OutputFiles}).
     */
    public static int writeTrlJsonl(List<StoredPair> pairs, Path file, boolean force) throws IOException {
        int[] n = new int[1];
        OutputFiles.write(file, force, w -> {
            for (StoredPair p : pairs) {
                if (!p.trains()) {
                    continue;
                }
                ObjectNode row = Json.MAPPER.createObjectNode();
                row.put("prompt", p.prompt());
                row.put("chosen", p.chosen());
                row.put("rejected", p.rejected());
                row.put("query", p.queryText());
                row.put("query_key", p.queryKey());
                row.set("chosen_score", Json.MAPPER.valueToTree(p.chosenScore()));
                row.set("rejected_score", Json.MAPPER.valueToTree(p.rejectedScore()));
                row.put("status", p.status().name());
                row.put("edited", p.edited());
                row.put("round", p.round());
                w.write(Json.write(row));
                w.write('\n');
                n[0]++;
            }
        });
        return n[0];
    }
}
