package dev.verdant.energy;

import dev.verdant.result.FinalMetrics;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.spec.EnergySpec;
import dev.verdant.spec.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CodeCarbonCsvTest {

    /** CodeCarbon 3.x emissions.csv header, as its EmissionsData fields are ordered. */
    private static final String CODECARBON_HEADER = "timestamp,project_name,run_id,experiment_id,duration,emissions,"
            + "emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,"
            + "water_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,python_version,"
            + "codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,"
            + "tracking_mode,cpu_utilization_percent,gpu_utilization_percent,ram_utilization_percent,ram_used_gb,"
            + "on_cloud,pue,wue";

    @Test
    void oneRowPerRunInCodeCarbonUnits() throws Exception {
        ExperimentSpec spec = ExperimentSpec.defaults().withName("mlp")
                .withEnergy(new EnergySpec("DE", 1.2, null, null, null));
        Provenance prov = new Provenance("0.1", "0.36.0", "PyTorch 2.7.1", "cpu()", "Linux 6.1 amd64",
                "Intel(R) Xeon(R) CPU, 2.2GHz", 2, "17", "abc", 42, null, List.of());
        // 7.2 MJ = 2 kWh; x PUE 1.2 x 381 g = 914.4 g = 0.9144 kg over 100 s
        FinalMetrics f = FinalMetrics.builder().accuracy(0.9).loss(0.3).params(1000).flopsPerSample(2000)
                .modelBytes(4000).trainSeconds(100.0).samplesPerSecond(50).epochsCompleted(3)
                .stopReason(dev.verdant.result.StopReason.EPOCHS)
                .energy(7.2e6, 7.0e6, 0.2e6, 72_000.0, "estimated:cpu-tdp").co2eGrams(914.4).build();
        RunResult run = new RunResult(7L, "mlp", RunStatus.COMPLETED, null, spec, prov, f, List.of(), List.of(),
                "2026-01-02T03:04:05.678Z", "2026-01-02T03:05:45.678Z", List.of());
        StringWriter out = new StringWriter();
        CodeCarbonCsv.write(List.of(run), out);
        String[] lines = out.toString().split("\n");
        assertEquals(CODECARBON_HEADER, lines[0]);
        assertEquals(2, lines.length);
        String expected = "2026-01-02T03:05:45,mlp,7,,100.0,0.9144,0.009144,,,,,,,2.0,,Germany,DEU,,,,"
                + "Linux 6.1 amd64,,,2,\"Intel(R) Xeon(R) CPU, 2.2GHz\",,,,,,process,,,,,,1.2,";
        assertEquals(expected, lines[1]);
    }

    @Test
    void measuredMethodsAreMachineMode() {
        assertEquals("machine", CodeCarbonCsv.trackingMode("measured:rapl+measured:nvml"));
        assertEquals("process", CodeCarbonCsv.trackingMode("estimated:cpu-tdp"));
        assertEquals("", CodeCarbonCsv.trackingMode(null));
    }
}
