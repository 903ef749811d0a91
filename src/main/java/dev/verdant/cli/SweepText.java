package dev.verdant.cli;

import dev.verdant.store.StoredSweep;
import dev.verdant.store.TrialRecord;
import dev.verdant.sweep.SweepSummary;

import java.util.List;
import java.util.Locale;

/** The text of sweep tables and summaries, shared by {@code verdant sweep} and {@code verdant sweeps show}. */
final class SweepText {

    private SweepText() {
    }

    static String trials(List<TrialRecord> trials) {
        TextTable t = new TextTable("TRIAL", "TRY", "RUNG", "EPOCHS", "STATUS", "RUN", "WORKER", "ACCURACY", "JOULES",
                "PARAMETERS");
        for (TrialRecord r : trials) {
            t.row(r.trialId(), r.attempt(), r.rung(), r.epochs(), r.status().label(),
                    r.runId() == null ? null : r.runId(), r.worker(), fmt(r.accuracy(), "%.4f"),
                    fmt(r.energyJoules(), "%.1f"), r.paramsJson());
        }
        return t.toString();
    }

    static String summary(SweepSummary s) {
        StringBuilder b = new StringBuilder();
        String how = s.energyMethod();
        b.append(String.format(Locale.ROOT, "energy: %.1f J over %d trial runs (%s; figures of the trained "
                + "models' runs)%n", s.totalJoules(), s.trialRuns(), how));
        if (s.recommendation() != null) {
            SweepSummary.Recipe r = s.recommendation();
            b.append(String.format(Locale.ROOT, "recommended: configuration %d, %d epochs (%s), run %s: %s%n",
                    r.config(), r.epochs(), r.params(), r.runId() == null ? "-" : r.runId(), r.why()));
        } else {
            b.append("recommended: none (no trial has a result)\n");
        }
        b.append(String.format(Locale.ROOT, "waste: %.1f J on pruned configurations, %.1f J on configurations "
                + "off the front%n", s.prunedJoules(), s.dominatedJoules()));
        if (!s.front().isEmpty()) {
            TextTable t = new TextTable("FRONT", "EPOCHS", "ACCURACY", "JOULES", "J PER EXTRA POINT", "PARAMETERS");
            for (int i = 0; i < s.front().size(); i++) {
                SweepSummary.Recipe r = s.front().get(i);
                Double per = i == 0 ? null : s.joulesPerPoint().get(i - 1);
                t.row(r.config(), r.epochs(), fmt(r.accuracy(), "%.4f"), fmt(r.joules(), "%.1f"),
                        fmt(per, "%.1f"), r.params());
            }
            b.append(t);
        }
        if (!s.knob().isEmpty()) {
            b.append(String.format(Locale.ROOT, "time-energy knob (cost = eta*E + (1-eta)*P_max*T, P_max %.1f W):",
                    s.pMaxWatts()));
            for (SweepSummary.KnobChoice k : s.knob()) {
                b.append(String.format(Locale.ROOT, " eta %.2f -> config %d;", k.eta(), k.config()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String header(StoredSweep s) {
        return String.format(Locale.ROOT, "sweep %d %s (%s): %s%s, %.0f s%s%n", s.id(), s.name(), s.method(),
                s.status().label(), s.stopReason() == null ? "" : " (" + s.stopReason() + ")", s.elapsedSeconds(),
                s.message() == null ? "" : "; " + s.message());
    }

    static String fmt(Double v, String pattern) {
        return v == null ? null : String.format(Locale.ROOT, pattern, v);
    }
}
