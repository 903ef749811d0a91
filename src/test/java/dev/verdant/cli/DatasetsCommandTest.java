package dev.verdant.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsCommandTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = VerdantCommand.commandLine(); // the real tree: its exit codes and error handling
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "datasets";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.execute(full);
    }

    @Test
    void listPrintsOneLinePerDatasetName() {
        assertEquals(0, run("list"));
        String text = out.toString();
        assertEquals(dev.verdant.spec.DatasetSpec.NAMES.size(), text.strip().split("\\R").length);
        assertTrue(text.contains("digits") && text.contains("built-in"), text);
        assertTrue(text.contains("cifar10") && text.contains("on-disk"), text);
        assertTrue(text.contains("spirals") && text.contains("synthetic"), text);
    }

    @Test
    void downloadRequiresDir() {
        assertEquals(ExitCode.USAGE, run("download", "mnist"));
        assertTrue(err.toString().contains("--dir"), err.toString());
    }

    @Test
    void downloadRejectsUnknownDataset() {
        assertEquals(ExitCode.USAGE, run("download", "imagenet", "--dir", dir.toString()));
        assertTrue(err.toString().contains("choose one of [mnist, fashion-mnist, cifar10]"), err.toString());
    }

    @Test
    void mirrorWithoutTheFileFailsWithOneClearLine() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/m";
            assertEquals(1, run("download", "mnist", "--dir", dir.toString(), "--mirror", mirror));
        } finally {
            server.stop(0);
        }
        assertTrue(err.toString().startsWith("verdant: HTTP 404 for http://127.0.0.1:"), err.toString());
        assertTrue(err.toString().contains("/m/train-images-idx3-ubyte.gz"), err.toString());
        assertFalse(out.toString().contains(dir.toString()), "no folder is printed on failure");
    }
}
