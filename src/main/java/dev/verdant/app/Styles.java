package dev.verdant.app;

/** CSS style class names used by the views and defined in {@code base.css}, {@code light.css} and {@code dark.css}. */
public final class Styles {
    /** A section heading inside a form or panel. */
    public static final String HEADING = "verdant-heading";
    /** Secondary, explanatory text. */
    public static final String HINT = "verdant-hint";
    /** Text stating a problem (validation, failed run). */
    public static final String ERROR_TEXT = "verdant-error-text";
    /** Text stating success or an available probe. */
    public static final String OK_TEXT = "verdant-ok-text";
    /** The primary action button (Run). */
    public static final String PRIMARY = "verdant-primary";
    /** A large headline figure in the energy panel. */
    public static final String FIGURE = "verdant-figure";
    /** A table cell whose value differs between compared runs. */
    public static final String DIFFERENT = "verdant-different";
    /** The status bar at the bottom of the window. */
    public static final String STATUS_BAR = "verdant-status-bar";
    /** One run's row in the queue. */
    public static final String QUEUE_ITEM = "verdant-queue-item";
    /** A form field whose value the validator rejects. */
    public static final String INVALID = "verdant-invalid";
    /** A form area. */
    public static final String FORM = "verdant-form";

    private Styles() {
    }
}
