/**
 * The JavaFX workbench. {@link dev.verdant.app.Launcher} is the plain entry point; {@link dev.verdant.app.VerdantApp}
 * builds the {@link dev.verdant.app.MainWindow} from one {@link dev.verdant.app.AppContext}. Each feature lives in its
 * own sub-package as a View (layout and bindings only) and a ViewModel (JavaFX properties, validation, calls into
 * {@code run} and {@code store}) that is unit-tested without a window. Slow work goes through {@link
 * dev.verdant.app.UiExecutor}, which tests replace with a synchronous one.
 */
package dev.verdant.app;
