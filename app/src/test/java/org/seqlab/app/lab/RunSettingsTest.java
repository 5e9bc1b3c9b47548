package org.seqlab.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.Property;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.Hyperparameter;
import org.seqlab.engine.train.RunConfig;

/** A model's settings in the lab are the one table's: every setting has its row, of its type, with the lab's defaults. */
class RunSettingsTest {

    @Test
    void everySettingIsARowOfTheTable() {
        RunSettings r = new RunSettings(Family.TRANSFORMER);
        List<Object> reached = new ArrayList<>();
        for (Hyperparameter h : Hyperparameter.values()) {
            Property<?> p = r.property(h);
            assertThat(reached).as("%s has a property of its own", h).doesNotContain(p);
            reached.add(p);
            Class<?> type = RunSettings.type(h);
            Object v = p.getValue();
            if (p instanceof javafx.beans.property.IntegerProperty) {
                assertThat(type).as("%s's editor", h).isEqualTo(Integer.class);
            } else if (p instanceof javafx.beans.property.DoubleProperty) {
                assertThat(type).as("%s's editor", h).isEqualTo(Double.class);
            } else if (v instanceof Enum<?> e) {
                assertThat(type).as("%s's editor", h).isEqualTo(e.getDeclaringClass());
            } else if (v != null) {   // the pixel order is null until the data offers one
                assertThat(type).as("%s's editor", h).isEqualTo(v.getClass());
            }
        }
        // the family and the clip's switch are the only properties the table does not name
        List<Observable> rest = new ArrayList<>(List.of(r.observables()));
        rest.removeAll(reached);
        assertThat(rest).containsExactlyInAnyOrder(r.family, r.clip);
    }

    @Test
    void theSettingsStartAtTheEnginesDefaultsForEachFamily() {
        for (Family f : Family.values()) {
            RunSettings r = new RunSettings(f);
            r.applyDefaults(f);   // as when the family is chosen in the sheet
            assertThat(r.toConfig()).as(f.id()).isEqualTo(RunConfig.defaults(f));
        }
    }
}
