package dev.verdant.cli;

import dev.verdant.run.SpecChecks;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code verdant spec defaults} and {@code verdant spec check FILE}. */
@Command(name = "spec", mixinStandardHelpOptions = true, description = "Experiment spec helpers.",
        subcommands = {SpecCommand.Defaults.class, SpecCommand.Check.class})
final class SpecCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }

    @Command(name = "defaults", mixinStandardHelpOptions = true,
            description = "Print a complete spec with every field at its default value.")
    static final class Defaults implements Callable<Integer> {
        @Option(names = "--json", description = "print JSON instead of YAML")
        boolean json;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec command;

        @Override
        public Integer call() {
            ExperimentSpec spec = ExperimentSpec.defaults();
            command.commandLine().getOut().print(json ? SpecCodec.toJson(spec) + "\n" : SpecCodec.toYaml(spec));
            command.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a spec file and print it with every default filled in.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "SPEC")
        Path file;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec command;

        @Override
        public Integer call() {
            // the run's own checks, so 'spec check' accepts exactly what 'run' accepts (e.g. the grid region)
            ExperimentSpec spec = SpecChecks.requireRunnable(SpecCodec.read(file));
            command.commandLine().getOut().print(SpecCodec.toYaml(spec));
            command.commandLine().getOut().flush();
            return 0;
        }
    }
}
