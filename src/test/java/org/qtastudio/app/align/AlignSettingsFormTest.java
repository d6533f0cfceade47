package org.qtastudio.app.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.qtastudio.align.AlignSettings;

/** The settings form shows the defaults as people write numbers and refuses what AlignSettings refuses, naming the setting. */
class AlignSettingsFormTest {

    private static AlignSettingsForm.Field field(AlignSettingsForm form, String id) {
        return form.fields().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theDefaultsRoundTripThroughTheForm() {
        AlignSettingsForm form = new AlignSettingsForm();
        assertEquals("0.0005", field(form, "learningRate").text().get());
        assertEquals(AlignSettings.defaults(), form.toSettings());
    }

    @Test
    void aMistypedOrOutOfRangeValueIsRefusedWithWhatToFix() {
        AlignSettingsForm form = new AlignSettingsForm();
        field(form, "learningRate").text().set("5e-4x");
        assertEquals("Learning rate must be a number such as 0.1, not '5e-4x'",
                assertThrows(IllegalArgumentException.class, form::toSettings).getMessage());
        field(form, "learningRate").text().set("1e-3");
        field(form, "samples").text().set("0");
        assertEquals("samples must be at least 1", assertThrows(IllegalArgumentException.class, form::toSettings).getMessage());
    }
}
