package dev.verdant.app.actions;

import dev.verdant.app.AppSettings;
import dev.verdant.app.queue.RunQueueViewModel;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/** Run -> Runs at a time: 1, 2 or 4 runs in parallel, remembered between sessions. */
public final class ParallelismMenu {

    /** The choices offered; 1 keeps energy figures fair (runs do not share the machine). */
    static final int[] CHOICES = {1, 2, 4};

    private final RunQueueViewModel queue;
    private final AppSettings settings;

    public ParallelismMenu(RunQueueViewModel queue, AppSettings settings) {
        this.queue = queue;
        this.settings = settings;
    }

    /** Sets how many runs may run at once and remembers it. */
    public void choose(int n) {
        queue.setParallelism(n);
        settings.putDouble(AppSettings.PARALLELISM, n);
    }

    /** The submenu, with the queue's current parallelism ticked. */
    public Menu menu() {
        Menu parallel = new Menu("Runs at a time");
        ToggleGroup group = new ToggleGroup();
        for (int n : CHOICES) {
            RadioMenuItem r = new RadioMenuItem(n + (n == 1 ? " (fair energy figures)" : ""));
            r.setToggleGroup(group);
            r.setSelected(n == queue.parallelism());
            r.setOnAction(e -> choose(n));
            parallel.getItems().add(r);
        }
        return parallel;
    }
}
