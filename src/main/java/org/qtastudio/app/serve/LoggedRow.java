package org.qtastudio.app.serve;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.qtastudio.serve.LoggedRequest;

/**
 * One logged request as the Serve screen's table shows it.
 *
 * @param time when it was answered, in local time
 * @param query the query as the agent sent it
 * @param rewrite the rewrite the tools were ranked with, "⚠ " and why the rewriter was not used, or "—" without a rewriter
 * @param fallback whether a configured rewriter was not used
 * @param tools the returned tools' keys, best first
 * @param latency how long the search took, e.g. {@code 1.4 ms}
 */
public record LoggedRow(String time, String query, String rewrite, boolean fallback, String tools, String latency) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    public static LoggedRow of(LoggedRequest r) {
        String rewrite = r.fallback() != null ? "⚠ " + r.fallback() : r.rewrite() != null ? r.rewrite() : "—";
        return new LoggedRow(TIME.format(r.servedAt()), r.query(), rewrite, r.fallback() != null, String.join(", ", r.toolKeys()),
                String.format(Locale.ROOT, "%.1f ms", r.micros() / 1000.0));
    }
}
