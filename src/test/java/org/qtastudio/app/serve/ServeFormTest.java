package org.qtastudio.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.qtastudio.align.AlignStore;
import org.qtastudio.catalog.Catalog;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.serve.ServeConfig;

/** The Serve screen's settings as a plan: the rewriter's settings count only with a rewriter; hosts as the servers take them. */
class ServeFormTest {

    private static final Catalog CATALOG = new Catalog(7, "restbench", Instant.EPOCH, 54, 100);
    private static final AlignStore.AlignRun RUN = new AlignStore.AlignRun(42, 7, "run-42", "/models/tiny", "{}",
            AlignStore.Status.completed, null, 1, null, Instant.EPOCH, Instant.EPOCH);

    @Test
    void theDefaultsServeTheRetrieverAloneOnBothFrontEndsWithoutALog() {
        ServePlan plan = new ServeForm().toPlan(CATALOG);
        assertEquals(ServeConfig.retrieverOnly("restbench", RetrieverSpec.Bm25.defaults()), plan.config());
        assertEquals("127.0.0.1", plan.host());
        assertEquals(ServeForm.DEFAULT_JSON_API_PORT, plan.jsonApiPort());
        assertEquals(ServeForm.DEFAULT_MCP_PORT, plan.mcpPort());
    }

    @Test
    void aRewriterIsServedWithHowItRanksAndItsLatencyBudget() {
        ServeForm form = new ServeForm();
        form.latencyBudgetProperty().set("250");
        form.rewriteUseProperty().set(ServeConfig.RewriteUse.fusion);
        assertNull(form.toPlan(CATALOG).config().alignRun(), "without a run the rewriter settings are not used");
        assertNull(form.toPlan(CATALOG).config().latencyBudget());
        form.alignRunProperty().set(RUN);
        form.logQueriesProperty().set(true);
        form.mcpProperty().set(false);
        ServePlan plan = form.toPlan(CATALOG);
        assertEquals(new ServeConfig("restbench", RetrieverSpec.Bm25.defaults(), 42L, ServeConfig.RewriteUse.fusion,
                Duration.ofMillis(250), true), plan.config());
        assertNull(plan.mcpPort());
        form.latencyBudgetProperty().set(" ");
        assertNull(form.toPlan(CATALOG).config().latencyBudget(), "empty: always wait for the rewrite");
        form.latencyBudgetProperty().set("0");
        assertEquals("The latency budget must be a whole number of milliseconds of at least 1, not '0'; leave it empty to always "
                + "wait for the rewrite.", assertThrows(IllegalArgumentException.class, () -> form.toPlan(CATALOG)).getMessage());
    }

    @Test
    void anIpv6HostLosesItsBrackets() {
        ServeForm form = new ServeForm();
        form.hostProperty().set(" [::1] ");
        assertEquals("::1", form.toPlan(CATALOG).host());
        assertEquals("", ServeForm.hostWarning("[::1]"), "the loopback");
    }
}
