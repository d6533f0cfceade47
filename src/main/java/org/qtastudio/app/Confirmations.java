package org.qtastudio.app;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.Region;

/** The yes/no question asked before something that cannot be undone (a delete), shown without blocking the FX thread. */
public final class Confirmations {

    private Confirmations() {
    }

    /**
     * Asks {@code question} in a dialog owned by {@code owner}'s window; {@code onYes} runs only when the user confirms.
     * The dialog pane's id is {@code deleteConfirmation}, for tests.
     */
    public static void ask(Node owner, String title, String question, Runnable onYes) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.YES, ButtonType.NO);
        ask.initOwner(owner.getScene().getWindow());
        ask.setTitle(title);
        ask.setHeaderText(title + "?");
        ask.getDialogPane().setId("deleteConfirmation");
        ask.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        ask.setOnHidden(e -> {
            if (ask.getResult() == ButtonType.YES) {
                onYes.run();
            }
        });
        ask.show();
    }
}
