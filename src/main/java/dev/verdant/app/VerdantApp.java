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

    /** Runs on the launcher thread, not the FX thread: waits here for the database the launcher began to open. */
    @Override
    public void init() {
        StartupTrace.mark("init: open the run store");
        history = Histories.opened(storeProblem);
        StartupTrace.mark("init: run store open");
    }

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("start (FX thread)");
        executor = new FxUiExecutor();
        AppContext ctx = AppContext.of(AppSettings.in(AppSettings.defaultDir()), executor, history);
        MainWindow window = new MainWindow(ctx);
        window.install(stage);
        StartupTrace.mark("scene installed");
        AppIcon.applyTo(stage);
        stage.setOnHidden(e -> Platform.exit());
        stage.show();
        StartupTrace.mark("shown");
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
