package dev.verdant.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.FinalMetrics;
import dev.verdant.result.StopReason;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.ResultJson;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecCodec;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Maps result records to table rows and back. SQLite stores NaN as NULL, so a NULL in a column of a primitive
 * double reads back as NaN (a diverged run's loss survives the round trip); NULL in a nullable column stays null.
 */
final class Rows {

    static final String FINAL_COLUMNS = "accuracy, loss, params, flops_per_sample, model_bytes, train_seconds, "
            + "samples_per_second, epochs_completed, stop_reason, energy_joules, train_energy_joules, "
            + "eval_energy_joules, avg_power_watts, co2e_grams, cost_usd, energy_method, joules_to_target";
    static final int FINAL_COLUMN_COUNT = 17;

    static final String EPOCH_COLUMNS = "epoch, train_loss, train_accuracy, val_loss, val_accuracy, seconds, "
            + "samples_per_second, learning_rate, flops_per_sample, energy_joules, cumulative_energy_joules, "
            + "resolution, depth, frozen_layers, drop_rate, train_flops_per_sample, forecast_json";

    private Rows() {
    }

    static String specJson(ExperimentSpec spec) {
        return SpecCodec.toJson(spec);
    }

    /** Leniently: a stored spec from an older build may hold fields this one dropped, and must still load. */
    static ExperimentSpec spec(String json) {
        try {
            return ResultJson.mapper().readValue(json, ExperimentSpec.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored spec cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    static String provenanceJson(Provenance provenance) {
        return provenance == null ? null : ResultJson.write(provenance);
    }

    static Provenance provenance(String json) {
        if (json == null) {
            return null;
        }
        try {
            return ResultJson.mapper().readValue(json, Provenance.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored provenance cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** A stored compression step read back as a report; one that is not a report fails with its run id. */
    static CompressionReport compressionReport(long runId, String json) {
        try {
            return ResultJson.mapper().readValue(json, CompressionReport.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("run " + runId + " has a compression step that is not a report: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Binds the 17 final-metric columns from {@code first}; all NULL when there are no final metrics. */
    static void bindFinal(PreparedStatement ps, int first, FinalMetrics m) throws SQLException {
        if (m == null) {
            for (int i = 0; i < FINAL_COLUMN_COUNT; i++) {
                ps.setNull(first + i, Types.NULL);
            }
            return;
        }
        int i = first;
        ps.setDouble(i++, m.accuracy());
        ps.setDouble(i++, m.loss());
        ps.setLong(i++, m.params());
        ps.setLong(i++, m.flopsPerSample());
        ps.setLong(i++, m.modelBytes());
        ps.setDouble(i++, m.trainSeconds());
        ps.setDouble(i++, m.samplesPerSecond());
        ps.setInt(i++, m.epochsCompleted());
        ps.setString(i++, m.stopReason() == null ? null : m.stopReason().label());
        setDouble(ps, i++, m.energyJoules());
        setDouble(ps, i++, m.trainEnergyJoules());
        setDouble(ps, i++, m.evalEnergyJoules());
        setDouble(ps, i++, m.avgPowerWatts());
        setDouble(ps, i++, m.co2eGrams());
        setDouble(ps, i++, m.costUsd());
        ps.setString(i++, m.energyMethod());
        setDouble(ps, i, m.joulesToTarget());
    }

    /** Final metrics from a runs row; null when epochs_completed is NULL (it is never NULL in written metrics). */
    static FinalMetrics finalMetrics(ResultSet rs) throws SQLException {
        rs.getInt("epochs_completed");
        if (rs.wasNull()) {
            return null;
        }
        String stop = rs.getString("stop_reason");
        return FinalMetrics.builder().accuracy(primitive(rs, "accuracy")).loss(primitive(rs, "loss"))
                .params(rs.getLong("params")).flopsPerSample(rs.getLong("flops_per_sample"))
                .modelBytes(rs.getLong("model_bytes")).trainSeconds(primitive(rs, "train_seconds"))
                .samplesPerSecond(primitive(rs, "samples_per_second")).epochsCompleted(rs.getInt("epochs_completed"))
                .stopReason(stop == null ? null : StopReason.fromLabel(stop))
                .energy(nullable(rs, "energy_joules"), nullable(rs, "train_energy_joules"),
                        nullable(rs, "eval_energy_joules"), nullable(rs, "avg_power_watts"),
                        rs.getString("energy_method"))
                .co2eGrams(nullable(rs, "co2e_grams")).costUsd(nullable(rs, "cost_usd"))
                .joulesToTarget(nullable(rs, "joules_to_target")).build();
    }

    static void bindEpoch(PreparedStatement ps, long runId, EpochRecord e) throws SQLException {
        ps.setLong(1, runId);
        ps.setInt(2, e.epoch());
        ps.setDouble(3, e.trainLoss());
        ps.setDouble(4, e.trainAccuracy());
        ps.setDouble(5, e.valLoss());
        ps.setDouble(6, e.valAccuracy());
        ps.setDouble(7, e.seconds());
        ps.setDouble(8, e.samplesPerSecond());
        ps.setDouble(9, e.learningRate());
        ps.setLong(10, e.flopsPerSample());
        setDouble(ps, 11, e.energyJoules());
        setDouble(ps, 12, e.cumulativeEnergyJoules());
        setInt(ps, 13, e.resolution());
        setInt(ps, 14, e.depth());
        setInt(ps, 15, e.frozenLayers());
        setDouble(ps, 16, e.dropRate());
        if (e.trainFlopsPerSample() == null) {
            ps.setNull(17, Types.INTEGER);
        } else {
            ps.setLong(17, e.trainFlopsPerSample());
        }
        ps.setString(18, forecastJson(e.forecast()));
    }

    private static String forecastJson(dev.verdant.result.EpochForecast f) {
        return f == null ? null : ResultJson.write(f);
    }

    private static dev.verdant.result.EpochForecast forecast(ResultSet rs) throws SQLException {
        String json = rs.getString("forecast_json");
        if (json == null) {
            return null;
        }
        try {
            return ResultJson.mapper().readValue(json, dev.verdant.result.EpochForecast.class);
        } catch (JsonProcessingException e) {
            return null; // a forecast is advice, not data: an unreadable one is left out rather than failing the run
        }
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static EpochRecord epoch(ResultSet rs) throws SQLException {
        return new EpochRecord(rs.getInt("epoch"), primitive(rs, "train_loss"), primitive(rs, "train_accuracy"),
                primitive(rs, "val_loss"), primitive(rs, "val_accuracy"), primitive(rs, "seconds"),
                primitive(rs, "samples_per_second"), primitive(rs, "learning_rate"), rs.getLong("flops_per_sample"),
                nullable(rs, "energy_joules"), nullable(rs, "cumulative_energy_joules"), nullableInt(rs, "resolution"),
                nullableInt(rs, "depth"), nullableInt(rs, "frozen_layers"), nullable(rs, "drop_rate"),
                nullableLong(rs, "train_flops_per_sample"), forecast(rs));
    }

    static void bindBatch(PreparedStatement ps, long runId, BatchRecord b) throws SQLException {
        ps.setLong(1, runId);
        ps.setInt(2, b.epoch());
        ps.setInt(3, b.batch());
        ps.setDouble(4, b.loss());
        ps.setDouble(5, b.accuracy());
        ps.setDouble(6, b.samplesPerSecond());
        ps.setDouble(7, b.seconds());
    }

    static BatchRecord batch(ResultSet rs) throws SQLException {
        return new BatchRecord(rs.getInt("epoch"), rs.getInt("batch"), primitive(rs, "loss"),
                primitive(rs, "accuracy"), primitive(rs, "samples_per_second"), primitive(rs, "seconds"));
    }

    static void bindPower(PreparedStatement ps, long runId, PowerSample p) throws SQLException {
        ps.setLong(1, runId);
        ps.setDouble(2, p.seconds());
        ps.setDouble(3, p.watts());
        ps.setString(4, p.phase());
        ps.setString(5, p.method());
    }

    static PowerSample power(ResultSet rs) throws SQLException {
        return new PowerSample(primitive(rs, "seconds"), primitive(rs, "watts"), rs.getString("phase"),
                rs.getString("method"));
    }

    static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.REAL);
        } else {
            ps.setDouble(index, value);
        }
    }

    static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static double primitive(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
