package dev.verdant.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnergyCommandTest {

    @Test
    void probeListsEveryProbeThenLivePower() {
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new EnergyCommand());
        cli.setOut(new PrintWriter(text));
        int code = cli.execute("probe", "--seconds", "1");
        String out = text.toString();
        assertEquals(0, code, out);
        assertTrue(out.contains("rapl"), out);
        assertTrue(out.contains("nvml"), out);
        assertTrue(out.contains("estimator  available  estimated:cpu-tdp"), out);
        assertTrue(out.contains("method: "), out);
        assertTrue(out.matches("(?s).*  1 s +\\d+\\.\\d\\d W.*"), out);
    }
}
