package dev.verdant.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application. Started through {@link Launcher} (a class that extends {@code Application} cannot be
 * the main class on the classpath: "JavaFX runtime components are missing").
 */
public final class VerdantApp extends Application {

    private FxUiExecutor executor;

    @Override
    public void start(Stage stage) {
        executor = new FxUiExecutor();
        AppContext ctx = AppContext.standard(AppSettings.in(AppSettings.defaultDir()), executor);
        MainWindow window = new MainWindow(ctx);
        window.install(stage);
        stage.setOnHidden(e -> Platform.exit());
        stage.show();
        Launcher.markShown();
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.close();
        }
    }
}
