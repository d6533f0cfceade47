package org.qtastudio.app.settings;

/**
 * What the application remembers between starts, stored as JSON in the data folder.
 *
 * @param theme {@code light} or {@code dark}
 * @param guideShown whether the first-start guide was shown already
 */
public record AppSettings(String theme, boolean guideShown) {

    public static final String LIGHT = "light";
    public static final String DARK = "dark";

    public AppSettings {
        theme = DARK.equals(theme) ? DARK : LIGHT;
    }

    public static AppSettings defaults() {
        return new AppSettings(LIGHT, false);
    }

    public boolean dark() {
        return DARK.equals(theme);
    }

    public AppSettings withDark(boolean dark) {
        return new AppSettings(dark ? DARK : LIGHT, guideShown);
    }

    public AppSettings withGuideShown() {
        return new AppSettings(theme, true);
    }
}
