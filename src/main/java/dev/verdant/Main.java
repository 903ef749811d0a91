package dev.verdant;

import dev.verdant.app.Launcher;
import dev.verdant.cli.VerdantCommand;

/**
 * Entry point of {@code java -jar verdant.jar}: no arguments opens the workbench window; any argument is a
 * command line for the headless CLI.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(args.length == 0 ? Launcher.launch(args) : VerdantCommand.execute(args));
    }
}
