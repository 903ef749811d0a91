package dev.verdant.cli;

import dev.verdant.run.Job;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code verdant} root command; each subcommand is its own class. */
@Command(name = "verdant", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Verdant: accuracy against energy for deep learning experiments.",
        subcommands = {RunCommand.class, RunsCommand.class, SpecCommand.class, DatasetsCommand.class, EnergyCommand.class,
                SweepCommand.class, SweepsCommand.class, WorkerCommand.class, ClusterCommand.class,
                LessonCommand.class, ReportCommand.class, ExportCommand.class, FewShotCommand.class,
                ArchCommand.class, DeployCommand.class,
                CommandLine.HelpCommand.class})
public final class VerdantCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    /** Runs the command line and returns the process exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The whole command tree, with friendly error handling and the training engine behind {@code runs rerun}. */
    static CommandLine commandLine() {
        RunsCommand.rerunner = (spec, store) -> {
            Job job = Job.of(spec, store).addListener(new RunListener() {
                @Override
                public void onEpoch(RunEvent.EpochEnded e) {
                    System.err.println(Summary.epochLine(e.epoch(), e.totalEpochs()));
                }
            });
            try (StopOnSignal signals = StopOnSignal.install(job.handle()::cancel,
                    new java.io.PrintWriter(System.err, true))) {
                return job.runHere();
            }
        };
        CommandLine cli = new CommandLine(new VerdantCommand());
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        useUsageExitCode(cli);
        return cli;
    }

    /** Usage errors exit 64 in every subcommand: 2 means a diverged run (see {@link ExitCode}). */
    private static void useUsageExitCode(CommandLine cli) {
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        cli.getSubcommands().values().forEach(VerdantCommand::useUsageExitCode);
    }

    @Override
    public void run() {
        commandSpec.commandLine().usage(System.out);
    }
}
