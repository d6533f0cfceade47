package org.qtastudio.app.baselines;

import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.qtastudio.app.Fxml;
import org.qtastudio.app.Labels;
import org.qtastudio.retrieval.bm25.Bm25Analyzer;

/**
 * The retriever form ({@code RetrieverForm.fxml}) bound to {@link RetrieverSettings}: the retriever, the text fields it
 * reads and the settings of the retrievers in use, the others hidden. One form for every screen that lets the user
 * configure a retriever (Baselines evaluates it, Serve serves it), so they offer the same choices in the same words.
 * Alt+T reaches the retriever choice.
 */
public final class RetrieverForm {

    private final RetrieverSettings settings;

    @FXML
    private Label kindLabel;
    @FXML
    private ChoiceBox<RetrieverKind> kindChoice;
    @FXML
    private TilePane fieldsPane;
    @FXML
    private VBox bm25Section;
    @FXML
    private ChoiceBox<Bm25Analyzer> analyzerChoice;
    @FXML
    private TextField k1Field;
    @FXML
    private TextField bField;
    @FXML
    private VBox paperSection;
    @FXML
    private TextField paperK1Field;
    @FXML
    private TextField paperBField;
    @FXML
    private TextField paperEpsilonField;
    @FXML
    private VBox denseSection;
    @FXML
    private ChoiceBox<String> denseModelChoice;
    @FXML
    private VBox hybridSection;
    @FXML
    private ChoiceBox<RetrieverKind> hybridFirstChoice;
    @FXML
    private ChoiceBox<RetrieverKind> hybridSecondChoice;
    @FXML
    private TextField rrfKField;

    private RetrieverForm(RetrieverSettings settings) {
        this.settings = settings;
    }

    /**
     * The form, bound to {@code settings}; the screen puts it where it wants and gives it padding. The ids of its nodes
     * ({@code kindChoice}, {@code k1Field}, ...) start with {@code idPrefix}, so that the forms of two screens, which
     * are in the window's scene at once, are told apart: the Baselines screen's has none.
     */
    public static Parent load(RetrieverSettings settings, String idPrefix) {
        Parent form = Fxml.load("baselines/RetrieverForm.fxml", new RetrieverForm(settings));
        if (!idPrefix.isEmpty()) {
            prefixIds(form, idPrefix);
        }
        return form;
    }

    private static void prefixIds(Node node, String prefix) {
        if (node.getId() != null) {
            node.setId(prefix + node.getId());
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> prefixIds(child, prefix));
        }
    }

    @FXML
    private void initialize() {
        RetrieverSettings s = settings;
        Labels.mnemonic(kindLabel, kindChoice);
        kindChoice.getItems().setAll(RetrieverKind.values());
        kindChoice.valueProperty().bindBidirectional(s.kindProperty());
        s.fields().forEach((field, ticked) -> {
            CheckBox box = new CheckBox(field.id());
            box.setId("field-" + field.id());
            box.selectedProperty().bindBidirectional(ticked);
            fieldsPane.getChildren().add(box);
        });
        analyzerChoice.getItems().setAll(Bm25Analyzer.values());
        analyzerChoice.setConverter(Labels.of(Bm25Analyzer::id));
        analyzerChoice.valueProperty().bindBidirectional(s.analyzerProperty());
        k1Field.textProperty().bindBidirectional(s.k1Property());
        bField.textProperty().bindBidirectional(s.bProperty());
        paperK1Field.textProperty().bindBidirectional(s.paperK1Property());
        paperBField.textProperty().bindBidirectional(s.paperBProperty());
        paperEpsilonField.textProperty().bindBidirectional(s.paperEpsilonProperty());
        denseModelChoice.setItems(s.denseModels());
        denseModelChoice.valueProperty().bindBidirectional(s.denseModelProperty());
        hybridFirstChoice.getItems().setAll(RetrieverKind.fusable());
        hybridFirstChoice.valueProperty().bindBidirectional(s.hybridFirstProperty());
        hybridSecondChoice.getItems().setAll(RetrieverKind.fusable());
        hybridSecondChoice.valueProperty().bindBidirectional(s.hybridSecondProperty());
        rrfKField.textProperty().bindBidirectional(s.rrfKProperty());
        showWhen(bm25Section, s.uses(RetrieverKind.BM25));
        showWhen(paperSection, s.uses(RetrieverKind.PAPER_BM25));
        showWhen(denseSection, s.uses(RetrieverKind.DENSE));
        showWhen(hybridSection, s.uses(RetrieverKind.HYBRID));
    }

    private static void showWhen(VBox section, ObservableBooleanValue condition) {
        section.visibleProperty().bind(condition);
        section.managedProperty().bind(condition);
    }
}
