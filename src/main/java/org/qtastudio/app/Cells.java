package org.qtastudio.app;

import java.util.function.BiFunction;
import javafx.scene.control.TableCell;
import org.qtastudio.retrieval.Ranking;
import javafx.scene.control.Tooltip;

/**
 * Table cells the screens share. Each cell owns one tooltip and only changes its text: a tooltip is a popup window,
 * and creating one per update made a table refresh cost the FX thread a tenth of a second.
 */
public final class Cells {

    private Cells() {
    }

    /** A cell that shows a rank, or "not returned" for a tool a partial ranking left out ({@link Ranking#describe}). */
    public static <S> TableCell<S, Integer> rank() {
        return new TableCell<>() {
            @Override
            protected void updateItem(Integer rank, boolean empty) {
                super.updateItem(rank, empty);
                setText(empty || rank == null ? null : Ranking.describe(rank));
            }
        };
    }

    /** A cell showing its text on one line, with the full text as a tooltip: texts run longer than columns are wide. */
    public static <S> TableCell<S, String> textWithTooltip() {
        return textWithTooltip((row, text) -> text);
    }

    /** As {@link #textWithTooltip()}, with the tooltip's text made from the row's item and the cell's text. */
    public static <S> TableCell<S, String> textWithTooltip(BiFunction<S, String, String> tip) {
        return new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            {
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(600);
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                boolean none = empty || text == null || text.isBlank();
                tooltip.setText(none ? "" : tip.apply(getTableRow() == null ? null : getTableRow().getItem(), text));
                setTooltip(none ? null : tooltip);
            }
        };
    }
}
