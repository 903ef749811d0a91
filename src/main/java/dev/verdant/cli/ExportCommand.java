package dev.verdant.cli;

import dev.verdant.run.ModelExport;
import dev.verdant.store.RunStore;
import dev.verdant.store.StoreException;
import dev.verdant.store.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code verdant export RUN_ID --format onnx}: a stored run's model as an ONNX file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a stored run's model (the compressed one when the run compressed) to ONNX.")
final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "the run to export (see 'verdant runs list')")
    long runId;

    @Option(names = "--format", defaultValue = "onnx", description = "file format; only onnx is supported")
    String format;

    // --out as in 'run' and 'runs export'; --output and -o as the command first had them
    @Option(names = {"-o", "--out", "--output"}, paramLabel = "FILE",
            description = "where to write (default run-<id>.onnx)")
    Path output;

    @Option(names = "--trained", description = "export the trained model even when the run delivered a compressed one")
    boolean trained;

    @Option(names = "--int8", description = "write the delivered 8-bit quantised model for integer kernels (QDQ form)")
    boolean int8;

    @Option(names = "--db", paramLabel = "FILE",
            description = "Store file (default: $VERDANT_DB, else the user data folder).")
    String db;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"onnx".equalsIgnoreCase(format)) {
            err.println("verdant: format '" + format + "' is not supported; use --format onnx");
            err.flush();
            return ExitCode.USAGE;
        }
        Path file = output != null ? output : Path.of("run-" + runId + ".onnx");
        try (RunStore store = RunStore.openForReading(StoreLocation.resolve(db))) {
            ModelExport.Exported e = ModelExport.onnx(store, runId, file, trained, int8);
            out.println("wrote the " + e.which() + " model of run " + runId + " to " + e.file()
                    + " (ONNX opset 17; input 'input', output 'logits')");
            if (int8) {
                out.println("weighted layers: " + String.join(", ", e.int8())
                        + " (int8: integer input and weights; float input: int8 weights dequantised to float)");
            }
            return ExitCode.OK;
        } catch (StoreException e) {
            err.println("verdant: " + e.getMessage());
            return ExitCode.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
