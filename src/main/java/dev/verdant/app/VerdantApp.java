package dev.verdant.app;

import dev.verdant.app.history.RunHistory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application. Started through {@link Launcher} (a class that extends {@code Application} cannot be
 * the main class on the classpath: "JavaFX runtime components are missing").
 */
public final class VerdantApp extends Application {

    private FxUiExecutor executor;
    private RunHistory history;
    private final String[] storeProblem = new String[1];

    /** Runs on the launcher thread, not the FX thread: the database is opened here. */
    @Override
    public void init() {
        history = Histories.open(storeProblem);
    }

    @Override
    public void start(Stage stage) {
        executor = new FxUiExecutor();
        AppContext ctx = AppContext.of(AppSettings.in(AppSettings.defaultDir()), executor, history);
        MainWindow window = new MainWindow(ctx);
        window.install(stage);
        AppIcon.applyTo(stage);
        stage.setOnHidden(e -> Platform.exit());
        stage.show();
        // Under some window managers (openbox, seen in the installer's smoke test) the window is mapped at GTK's
        // default of 200x200 and the scene's size is ignored: ask for it again once the window is showing.
        Platform.runLater(stage::sizeToScene);
        Launcher.markShown();
        FirstFrame.then(Launcher::markFirstFrame);
        StartupFile.open(window, getParameters().getRaw());
        if (storeProblem[0] != null) {
            window.dialogs().showError("Runs will not be kept", "The run store could not be opened, so this "
                    + "session's runs are kept in memory only: " + storeProblem[0]);
        }
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.close();
        }
    }
}
