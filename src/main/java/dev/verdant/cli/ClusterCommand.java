package dev.verdant.cli;

import dev.verdant.cluster.ClusterKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code verdant cluster}: cluster set-up (the key shared by a coordinator and its workers). */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Cluster set-up; see docs/cluster.md.",
        subcommands = {ClusterCommand.InitKey.class})
public final class ClusterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Override
    public void run() {
        commandSpec.commandLine().usage(commandSpec.commandLine().getOut());
    }

    /** {@code verdant cluster init-key}: a new random key file, readable by its owner only. */
    @Command(name = "init-key", mixinStandardHelpOptions = true,
            description = "Create the cluster key (mode 0600) that signs every trial and result; copy it to each worker.")
    public static final class InitKey implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec commandSpec;

        @Option(names = "--key", paramLabel = "FILE", description = "where to write it (default: ~/.verdant/cluster.key)")
        Path keyFile;

        @Override
        public void run() {
            Path file = keyFile == null ? ClusterKey.defaultFile() : keyFile;
            ClusterKey key = ClusterKey.create(file);
            PrintWriter out = commandSpec.commandLine().getOut();
            out.println("created " + file + " (mode 0600, key " + key.fingerprint() + ")");
            out.println("copy it to each worker, e.g.: scp " + file + " HOST:.verdant/cluster.key");
            out.flush();
        }
    }
}
