/**
 * The Settings and help dialog (F1, and shown once at first start): a short guide, the keyboard shortcuts,
 * the theme, where the workspace and its data live, and which libtorch build runs the LM engine, with the
 * way to a GPU build.
 *
 * <ul>
 * <li>{@link org.qtastudio.app.settings.SettingsView#show} with its
 *     {@link org.qtastudio.app.settings.SettingsViewModel}; {@link org.qtastudio.app.settings.Themes} applies
 *     the AtlantaFX theme whenever the choice changes.</li>
 * <li>{@link org.qtastudio.app.settings.AppSettings}, what the application remembers between starts, kept
 *     by {@link org.qtastudio.app.settings.SettingsStore} in one JSON file in the data folder; a missing or
 *     broken file reads as the defaults.</li>
 * <li>{@link org.qtastudio.app.settings.EngineInstallDialog}: the consent dialog for the CUDA build of
 *     PyTorch, with progress and cancel, downloading only after the user says so.</li>
 * </ul>
 * Settings are saved in order on a background thread each time they change; the FX thread never writes the
 * file.
 */
package org.qtastudio.app.settings;
