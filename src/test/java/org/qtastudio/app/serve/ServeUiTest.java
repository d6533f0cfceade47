package org.qtastudio.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.qtastudio.app.MainWindow;
import org.qtastudio.app.WindowUiTest;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.TestData;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.store.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Serve screen in the window, by keyboard where the window allows it: Ctrl+7 shows it, Enter in a port field starts
 * the server, the status bar says it serves on every screen, a searched query shows in the logged queries, "Label in
 * Annotate" opens the Annotate screen on the unlabelled queries with it, and Stop frees the port.
 */
class ServeUiTest extends WindowUiTest {

    @Test
    void servesFromTheWindowAndSendsTheLoggedQueriesToAnnotate(FxRobot robot) throws Exception {
        Workspace workspace = Workspace.open(Files.createTempDirectory("qta-serve-ui").resolve("ui.qta"));
        TestData.importInto(workspace, TestData.dataset("mtrb", "restbench"), null, null);
        MainWindow window = open(robot, workspace);
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT7).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("serveTab", onFx(() -> tabs.getSelectionModel().getSelectedItem().getId()), "Ctrl+7 shows the Serve screen");
        ChoiceBox<?> catalog = robot.lookup("#serveCatalogChoice").queryAs(ChoiceBox.class);
        waitOnFx(20, "the shared catalog selection", () -> catalog.getValue() != null);

        robot.interact(() -> {
            window.serveModel().form().mcpProperty().set(false);
            window.serveModel().form().logQueriesProperty().set(true);
        });
        TextField port = robot.lookup("#jsonPortField").queryAs(TextField.class);
        robot.clickOn(port).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("0").type(KeyCode.ENTER);
        TextField address = robot.lookup("#jsonAddressField").queryAs(TextField.class);
        awaitScreen(robot, "#serveMessageLabel", "the JSON API listens", () -> !address.getText().isEmpty());
        Button indicator = robot.lookup("#statusServing").queryAs(Button.class);
        assertTrue(onFx(indicator::isVisible), "the status bar says a server runs");
        assertTrue(onFx(() -> robot.lookup("#serveSettingsBox").query().isDisabled()), "the settings show what is served while it runs");

        URI api = URI.create(onFx(address::getText));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("v1/tool-search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"query\": \"a list of movies directed by the director of Alien\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        TableView<LoggedRow> logged = robot.lookup("#loggedTable").queryTableView();
        awaitScreen(robot, "#serveMessageLabel", "the query is logged", () -> logged.getItems().size() == 1);
        assertEquals("1", onFx(() -> robot.lookup("#figure-requests").queryAs(Label.class).getText()));

        robot.clickOn("#catalogTab");
        robot.clickOn(indicator);
        assertEquals("serveTab", onFx(() -> tabs.getSelectionModel().getSelectedItem().getId()), "the indicator leads back");

        robot.clickOn("#annotateButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("annotateTab", onFx(() -> tabs.getSelectionModel().getSelectedItem().getId()));
        assertEquals(Split.UNLABELLED, onFx(() -> robot.lookup("#splitFilterChoice").queryAs(ChoiceBox.class).getValue()));
        ListView<UserQuery> queries = robot.lookup("#queryList").queryListView();
        waitOnFx(20, "the logged query is listed to label", () -> queries.getItems().stream()
                .anyMatch(q -> q.text().equals("a list of movies directed by the director of Alien")));
        assertTrue(onFx(() -> queries.getItems().stream().allMatch(q -> q.split() == Split.UNLABELLED)), "only unlabelled queries");

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT7).release(KeyCode.CONTROL);
        robot.clickOn("#serveStopButton");
        awaitScreen(robot, "#serveMessageLabel", "stopped", () -> !indicator.isVisible());
        assertFalse(onFx(() -> robot.lookup("#serveSettingsBox").query().isDisabled()));
        try (ServerSocket again = new ServerSocket(api.getPort(), 50, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(api.getPort(), again.getLocalPort(), "Stop freed the port");
        }
    }
}
