package dev.verdant.app.sweep;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One row of the sweep builder: a spec path and either its values (comma-separated YAML scalars or lists, e.g.
 * {@code 0.001, 0.01} or {@code [32], [64]}) or a range with a scale.
 */
public final class ParameterRow {

    private final StringProperty path = new SimpleStringProperty("training.learningRate");
    private final StringProperty values = new SimpleStringProperty("");
    private final BooleanProperty range = new SimpleBooleanProperty(false);
    private final StringProperty low = new SimpleStringProperty("");
    private final StringProperty high = new SimpleStringProperty("");
    private final StringProperty scale = new SimpleStringProperty("linear");

    /** A row for {@code path} taking {@code values}. */
    public static ParameterRow values(String path, String values) {
        ParameterRow r = new ParameterRow();
        r.path.set(path);
        r.values.set(values);
        return r;
    }

    /** A row for {@code path} drawn from [low, high] on {@code scale}. */
    public static ParameterRow range(String path, String low, String high, String scale) {
        ParameterRow r = new ParameterRow();
        r.path.set(path);
        r.range.set(true);
        r.low.set(low);
        r.high.set(high);
        r.scale.set(scale);
        return r;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public StringProperty valuesProperty() {
        return values;
    }

    public BooleanProperty rangeProperty() {
        return range;
    }

    public StringProperty lowProperty() {
        return low;
    }

    public StringProperty highProperty() {
        return high;
    }

    public StringProperty scaleProperty() {
        return scale;
    }

    /** The row as a line of the sweep file's {@code parameters:} section. */
    String yaml() {
        if (range.get()) {
            return "    " + path.get() + ": { range: [" + low.get() + ", " + high.get() + "], scale: " + scale.get()
                    + " }\n";
        }
        return "    " + path.get() + ": { values: [" + values.get() + "] }\n";
    }
}
