import dev.verdant.energy.EnergyMeter;
import dev.verdant.spec.EnergySpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Runs the energy meter with this machine's default probe chain at a given rate for a given time while the
 * main thread sleeps, then prints the sampler thread's CPU time as a percentage of one core (ThreadMXBean).
 * Arguments: [seconds=20] [hz=10].
 */
public class EnergySamplerOverhead {
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        double hz = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (EnergyMeter meter = EnergyMeter.start(new EnergySpec(null, null, null, hz, false))) {
            Thread sampler = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("verdant-energy-sampler")).findFirst().orElseThrow();
            int[] samples = {0};
            meter.addPowerListener(s -> samples[0]++);
            meter.begin("train");
            long cpu0 = mx.getThreadCpuTime(sampler.getId());
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long cpu = mx.getThreadCpuTime(sampler.getId()) - cpu0;
            double wall = (System.nanoTime() - t0) / 1e9;
            meter.end();
            System.out.printf("method: %s%n", meter.method());
            System.out.printf("samples: %d in %.1f s (%.2f Hz requested %.1f)%n", samples[0], wall, samples[0] / wall, hz);
            System.out.printf("sampler CPU: %.1f ms = %.3f%% of one core (%.1f us per sample)%n",
                    cpu / 1e6, 100.0 * cpu / 1e9 / wall, cpu / 1e3 / Math.max(1, samples[0]));
        }
    }
}
