package dev.verdant;

import dev.verdant.cli.VerdantCommand;

/**
 * Entry point of {@code java -jar verdant.jar}: subcommands run headless; no arguments prints usage
 * (the workbench window opens here once it lands).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(VerdantCommand.execute(args));
    }
}
