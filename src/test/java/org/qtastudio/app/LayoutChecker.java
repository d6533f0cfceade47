package org.qtastudio.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * Walks a shown scene and lists what a user cannot read: a {@link Labeled} whose skin shows an ellipsis its text
 * does not have (a truncated label, button, tab or cell), a control laid out narrower than its minimum width, and a
 * node that lies (partly) outside the window. Call it on the FX thread after a layout pass.
 *
 * <p>Only what is shown counts: invisible nodes (the contents of tabs not selected, collapsed panes) are skipped
 * with their children. A node inside a clipping container (a scroll pane's viewport, a table's rows, a split
 * pane's item) is only checked for truncation and width, not for its position: the container shows it by
 * scrolling. A table or list cell may truncate its text when a tooltip gives the full text (how long query texts
 * are shown in narrow columns); nothing else may. A scroll pane that cannot scroll sideways must not hold content
 * wider than its view: what sticks out could never be seen.
 */
public final class LayoutChecker {

    /** Pixels a bound may overshoot (subpixel rounding of snapped layouts). */
    private static final double SLACK = 1.0;

    private LayoutChecker() {
    }

    /** One problem found, in words: the node (its class, id or text) and what is wrong with it. */
    public static List<String> check(Scene scene) {
        List<String> problems = new ArrayList<>();
        walk(scene.getRoot(), scene.getWidth(), scene.getHeight(), false, problems);
        return problems;
    }

    private static void walk(Node node, double width, double height, boolean clipped, List<String> problems) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Labeled labeled) {
            String truncated = truncation(labeled);
            if (truncated != null) {
                problems.add(describe(node) + " is truncated: shows '" + truncated + "' of '" + labeled.getText() + "'");
            }
        }
        if (node instanceof Control control && control.getWidth() > 0) {
            double min = control.minWidth(-1);
            if (control.getWidth() + SLACK < min) {
                problems.add(describe(node) + String.format(Locale.ROOT, " is %.0f px wide, narrower than its minimum %.0f px",
                        control.getWidth(), min));
            }
        }
        if (!clipped) {
            Bounds b = node.localToScene(node.getLayoutBounds());
            if (b.getWidth() > 0 && b.getHeight() > 0 && (b.getMinX() < -SLACK || b.getMinY() < -SLACK
                    || b.getMaxX() > width + SLACK || b.getMaxY() > height + SLACK)) {
                problems.add(describe(node) + String.format(Locale.ROOT, " lies outside the %.0f×%.0f window: x %.0f…%.0f, y %.0f…%.0f",
                        width, height, b.getMinX(), b.getMaxX(), b.getMinY(), b.getMaxY()));
            }
        }
        if (node instanceof ScrollPane scroll && scroll.getHbarPolicy() == ScrollPane.ScrollBarPolicy.NEVER
                && scroll.getContent() != null && scroll.getViewportBounds().getWidth() > 0
                && scroll.getContent().getLayoutBounds().getWidth() > scroll.getViewportBounds().getWidth() + SLACK) {
            problems.add(describe(node) + String.format(Locale.ROOT, " cuts off its content: %.0f px wide in a %.0f px view that "
                    + "cannot scroll sideways", scroll.getContent().getLayoutBounds().getWidth(), scroll.getViewportBounds().getWidth()));
        }
        if (node instanceof Parent parent) {
            boolean clips = clipped || node.getClip() != null;
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, width, height, clips, problems);
            }
        }
    }

    /** The text the skin shows when it is a truncated form of the label's text, a cell's tooltip aside; null when whole. */
    private static String truncation(Labeled labeled) {
        String shown = cutText(labeled);
        if (shown == null) {
            return null;
        }
        String whole = labeled.isMnemonicParsing() ? labeled.getText().replaceFirst("_(?=.)", "") : labeled.getText();
        Tooltip tip = labeled.getTooltip();
        boolean cellWithTip = labeled instanceof javafx.scene.control.IndexedCell<?> && tip != null && tip.getText() != null
                && tip.getText().contains(whole.strip());
        return cellWithTip ? null : shown;
    }

    /** The text the skin shows when it is a truncated form of the label's text (tooltip or not); null when it shows whole. */
    public static String cutText(Labeled labeled) {
        String text = labeled.getText();
        if (text == null || text.isEmpty() || labeled.getWidth() <= 0) {
            return null;
        }
        String shown = shownText(labeled);
        if (shown == null) {
            return null;
        }
        String ellipsis = labeled.getEllipsisString();
        String whole = labeled.isMnemonicParsing() ? text.replaceFirst("_(?=.)", "") : text;
        boolean cut = ellipsis != null && !ellipsis.isEmpty() && shown.contains(ellipsis) && !whole.contains(ellipsis)
                && !shown.equals(whole);
        return cut ? shown : null;
    }

    /** The text node a labeled skin draws (style class {@code text}), or null before the skin exists. */
    private static String shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }

    private static String describe(Node node) {
        StringBuilder s = new StringBuilder(node.getClass().getSimpleName());
        if (node.getId() != null) {
            s.append(" #").append(node.getId());
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String t = l.getText();
            s.append(" '").append(t.length() > 60 ? t.substring(0, 60) + "…" : t).append('\'');
        }
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null) {
                s.append(" in #").append(p.getId());
                break;
            }
        }
        return s.toString();
    }
}
