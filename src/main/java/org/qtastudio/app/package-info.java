/**
 * The desktop application: a JavaFX window with one tab per screen (Catalog, Annotate, Baselines, Align,
 * Experiments, Results, Serve), each in a subpackage, and what they share. It may use every package but {@code cli}; JavaFX
 * appears nowhere else ({@code LayerArchitectureTest}).
 *
 * <h2>Entry points</h2>
 * <ul>
 * <li>{@link org.qtastudio.app.StudioApp}: shows the window at once and opens the workspace in the
 *     background (creating it with the sample catalog when it does not exist).</li>
 * <li>{@link org.qtastudio.app.MainWindow}: the tool bar, the tabs and a status bar with the running
 *     task's progress and cancel button; {@link org.qtastudio.app.StatusLine} and
 *     {@link org.qtastudio.app.Messages} put failures into words.</li>
 * <li>{@link org.qtastudio.app.AppContext}: what the screens share: the workspace, its services, the
 *     background pool ({@link org.qtastudio.app.AppContext#run}), ordered small writes
 *     ({@link org.qtastudio.app.AppContext#write}) and a watcher for commits of the command line
 *     ({@link org.qtastudio.app.WorkspaceWatcher}).</li>
 * <li>{@link org.qtastudio.app.WorkSlot}: a screen's one slot for long work with progress, cancel and a
 *     {@link org.qtastudio.app.ProgressLine} (phase, n/m, elapsed, time left); the Align and Experiments screens use it.</li>
 * </ul>
 *
 * <h2>Adding a screen</h2>
 * Follow the existing ones (model-view-view model): a {@code ...ViewModel} that holds the screen's state as
 * JavaFX properties and never touches the scene graph, so tests drive it with
 * {@link org.qtastudio.app.TaskRunner#CURRENT_THREAD}; a {@code ...View} that only binds an FXML file (under
 * {@code resources/org/qtastudio/app/<screen>/}, loaded with {@link org.qtastudio.app.Fxml#load}) to it;
 * a tab in {@link org.qtastudio.app.MainWindow}; its keys in {@link org.qtastudio.app.Shortcuts}.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>The FX thread never blocks: the screens run service calls in a {@code javafx.concurrent.Task} started
 *     through {@link org.qtastudio.app.AppContext#run}, whose callbacks come back on the FX thread, and small
 *     writes through {@link org.qtastudio.app.AppContext#write}; what runs before or outside a workspace
 *     (opening it, the engine download, saving settings) has a background thread of its own. A service sees
 *     a task as its {@link org.qtastudio.common.Progress} through {@link org.qtastudio.app.TaskProgress}.</li>
 * <li>Only the newest answer counts: a load the user has moved away from is cancelled and its result dropped
 *     ({@link org.qtastudio.app.LatestTask}).</li>
 * <li>A cancel does not interrupt the thread: the service stops at its next unit of work, so what the
 *     screen shows is what is stored. Closing the window cancels running work and interrupts only work that
 *     does not stop in time.</li>
 * </ul>
 */
package org.qtastudio.app;
