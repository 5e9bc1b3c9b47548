package org.seqlab.app.lab;

import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/** One row of the settings sheet, backed by a JavaFX property (ControlsFX picks the editor from the type). */
final class SettingItem implements PropertySheet.Item {

    private final String category;
    private final String name;
    private final String description;
    private final Class<?> type;
    private final Property<Object> property;

    @SuppressWarnings("unchecked")
    SettingItem(String category, String name, String description, Class<?> type, Property<?> property) {
        this.category = category;
        this.name = name;
        this.description = description;
        this.type = type;
        this.property = (Property<Object>) property;
    }

    @Override
    public Class<?> getType() {
        return type;
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        Object v = property.getValue();
        if (v instanceof Number n) {
            return type == Integer.class ? (Object) n.intValue() : type == Double.class ? (Object) n.doubleValue() : v;
        }
        return v;
    }

    @Override
    public void setValue(Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Number n && type == Integer.class) {
            property.setValue(n.intValue());
        } else if (value instanceof Number n && type == Double.class) {
            property.setValue(n.doubleValue());
        } else {
            property.setValue(value);
        }
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(property);
    }
}
