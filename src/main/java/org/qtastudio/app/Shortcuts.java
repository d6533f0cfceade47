package org.qtastudio.app;

import java.util.List;

/** Every keyboard shortcut of the window, as Settings & help lists them. */
public final class Shortcuts {

    /** One shortcut: where it works, the keys, what it does. */
    public record Shortcut(String where, String keys, String does) {
    }

    public static final List<Shortcut> ALL = List.of(
            new Shortcut("Window", "F1", "Settings & help (this list)"),
            new Shortcut("Window", "F5", "Read the workspace again (it is also checked every 2 s for changes from the command line)"),
            new Shortcut("Window", "Esc", "Cancel the work of the screen in front (import, evaluation, alignment, experiment, a server's start), wherever the focus is"),
            new Shortcut("Window", "Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous screen"),
            new Shortcut("Window", "Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+4 / Ctrl+5 / Ctrl+6 / Ctrl+7",
                    "Catalog / Annotate / Baselines / Align / Experiments / Results / Serve"),
            new Shortcut("Window", "Alt", "Underline the mnemonics; Alt+letter then reaches that control"),
            new Shortcut("Window", "Alt+I", "Import: a file, a dataset folder, or the tools of an MCP server"),
            new Shortcut("Window", "Alt+D", "Dark theme on or off"),
            new Shortcut("Window", "Alt+H", "Settings & help"),
            new Shortcut("Window", "Tab / Shift+Tab", "Next / previous control"),
            new Shortcut("Catalog", "Ctrl+F", "Search the tools"),
            new Shortcut("Catalog", "↑ ↓", "Move through the tools; the document pane follows"),
            new Shortcut("Catalog", "Delete (tool table / catalog list)", "Delete the selected tools, or the catalog, after a confirmation"),
            new Shortcut("Annotate", "↑ ↓ (in the tool search)", "Highlight a tool; the first ↓ takes the first match"),
            new Shortcut("Annotate", "Space", "Tick or untick the highlighted tool as gold (it never types a space then)"),
            new Shortcut("Annotate", "Enter", "Next query"),
            new Shortcut("Annotate", "Ctrl+Z", "Undo the last gold or split change"),
            new Shortcut("Annotate", "Delete / Backspace / Space (gold box)", "Remove the gold tool"),
            new Shortcut("Annotate", "Delete (query list)", "Delete the selected query after a confirmation"),
            new Shortcut("Annotate", "Enter (new query field)", "Add the typed query"),
            new Shortcut("Baselines", "Alt+R", "Run the evaluation"),
            new Shortcut("Baselines", "Enter (cutoffs)", "Run the evaluation"),
            new Shortcut("Baselines", "Shift+↓ or Ctrl+click", "Select two runs to compare them (A and B)"),
            new Shortcut("Align", "Alt+S / Alt+U", "Start a run / resume the selected run"),
            new Shortcut("Align", "Alt+V", "Evaluate the selected completed run on the chosen split, then open Results"),
            new Shortcut("Align", "A / R / U (pairs table)", "Accept / reject / reset the pair"),
            new Shortcut("Align", "E or Enter (pairs table)", "Edit the pair"),
            new Shortcut("Align", "H / J (candidates)", "Take the candidate as the chosen / rejected rewrite"),
            new Shortcut("Align", "Ctrl+Enter / Ctrl+Z (pair editor)", "Save / revert the edit (to the stored pair)"),
            new Shortcut("Experiments", "Alt+N / Alt+K / Alt+A / Alt+M / Alt+Z / Alt+G / Alt+V / Alt+E",
                    "New experiment: name / kind / catalogs / model folders / sizes / setting / values / seeds"),
            new Shortcut("Experiments", "Space (catalog list)", "Tick or untick the catalog"),
            new Shortcut("Experiments", "Alt+C", "Create the experiment (Enter in its name does too)"),
            new Shortcut("Experiments", "Alt+R / Alt+U", "Run the selected experiment / resume it (finished cells are not run again)"),
            new Shortcut("Experiments", "Alt+X / Alt+L / Alt+T", "Experiments table / cells table / metric of the chart"),
            new Shortcut("Experiments", "Enter (cells table) or Alt+O", "Open the selected done cell's before/after in Results"),
            new Shortcut("Results", "Alt+B / Alt+E / Alt+W", "Before run / after run / swap them"),
            new Shortcut("Results", "Alt+L / Alt+P / Alt+O / Alt+U", "Show all / improved / worsened / unchanged queries"),
            new Shortcut("Results", "Alt+X", "Export the comparison (JSONL or CSV)"),
            new Shortcut("Serve", "Alt+S / Alt+P", "Start serving / stop the servers"),
            new Shortcut("Serve", "Enter (port, host or latency budget)", "Start serving"),
            new Shortcut("Serve", "Alt+R / Alt+L / Alt+Q / Alt+J / Alt+M / Alt+O",
                    "Aligned rewriter / latency budget / log queries / JSON API / MCP / host"),
            new Shortcut("Serve", "Alt+N", "Open the logged queries in Annotate, to label them"),
            new Shortcut("Import dialog", "Alt+F / Alt+C / Alt+S / Alt+E / Alt+D / Alt+M",
                    "Format / catalog / split / another file / a dataset folder / an MCP server instead"),
            new Shortcut("Import dialog", "Enter (catalog name)", "Check the import again with that name; once checked, import"),
            new Shortcut("Import dialog (MCP)", "Alt+M / Alt+U / Alt+G / Alt+B / Alt+T / Alt+C / Alt+L",
                    "Command / URL / client configuration file / browse / timeout / catalog / list the tools"),
            new Shortcut("Import dialog (MCP)", "Enter (any field)", "List the tools; once listed, import them"),
            new Shortcut("Import dialog (MCP)", "Esc", "Stop the listing and end the server (again: close the dialog)"));

    private Shortcuts() {
    }
}
