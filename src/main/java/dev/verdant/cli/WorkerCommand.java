package dev.verdant.cli;

import dev.verdant.cluster.ClusterKey;
import dev.verdant.cluster.Worker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code verdant worker}: joins a coordinator and runs the trials it offers until stopped (Ctrl-C). */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Join a cluster coordinator (a desktop or 'verdant sweep --cluster') and run the trials it "
                + "offers, until stopped with Ctrl-C.",
                "The worker listens on no port; it connects to the coordinator. See docs/cluster.md."})
public final class WorkerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT",
            description = "the coordinator's address, e.g. 192.168.1.20:5701")
    String join;

    @Option(names = "--interface", paramLabel = "IP",
            description = "this machine's address to report (must be one of its own); default: its host name's")
    String iface;

    @Option(names = "--key", paramLabel = "FILE",
            description = "the cluster key file copied from the coordinator (default: ~/.verdant/cluster.key)")
    Path keyFile;

    @Option(names = "--devices", paramLabel = "cpu|gpu",
            description = "take only trials for this device and run them on it; default: any, as the spec asks")
    String devices;

    @Option(names = "--name", paramLabel = "NAME", description = "this worker's name in results (default: host name)")
    String name;

    @Option(names = "--data", paramLabel = "DIR",
            description = "folder with local copies of file datasets, found by content hash")
    Path dataFolder;

    @Override
    public void run() {
        PrintWriter err = commandSpec.commandLine().getErr();
        int colon = join.lastIndexOf(':');
        if (colon <= 0 || colon == join.length() - 1) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--join needs HOST:PORT, e.g. 192.168.1.20:5701; got '" + join + "'");
        }
        int port;
        try {
            port = Integer.parseInt(join.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--join: the port in '" + join + "' is not a number");
        }
        if (devices != null && !devices.equals("cpu") && !devices.equals("gpu")) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--devices must be cpu or gpu, not '" + devices + "'");
        }
        ClusterKey key = ClusterKey.load(keyFile == null ? ClusterKey.defaultFile() : keyFile);
        String workerName = name != null ? name : hostName();
        err.println("worker " + workerName + ": connecting to " + join + " (key " + key.fingerprint() + ")");
        err.flush();
        Worker worker = Worker.join(new Worker.Settings(workerName, join.substring(0, colon), port, iface, devices,
                dataFolder, 1000), key);
        Thread stopper = new Thread(worker::close, "verdant-worker-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        err.println("worker " + workerName + ": joined; waiting for trials (Ctrl-C stops)");
        err.flush();
        worker.runUntilClosed();
        err.println("worker " + workerName + ": stopped after " + worker.trialsRun() + " trials");
        err.flush();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "worker";
        }
    }
}
