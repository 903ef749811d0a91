package dev.verdant.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SpecPaths;
import dev.verdant.spec.SpecProblem;
import dev.verdant.spec.SpecValidator;
import dev.verdant.spec.SweepParameter;
import dev.verdant.spec.SweepSpec;
import dev.verdant.spec.SweepValidator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a sweep's parameters into configurations: every combination (grid), or {@code n} draws under the sweep's
 * seed (random): from the grid without replacement when every parameter has values, else values picked uniformly
 * and ranges drawn on their scale. The same sweep and seed always give the same configurations, in the same order,
 * which is what lets a killed sweep resume.
 */
public final class Expansion {

    private Expansion() {
    }

    /** Every combination of the values, the first parameter varying slowest. */
    public static List<Map<String, JsonNode>> grid(SweepSpec sweep) {
        List<Map<String, JsonNode>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, SweepParameter> p : sweep.parameters().entrySet()) {
            if (p.getValue().isRange()) {
                throw new IllegalArgumentException("a grid cannot enumerate the range of " + p.getKey());
            }
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : out) {
                for (JsonNode v : p.getValue().values()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(partial);
                    m.put(p.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** True when every parameter lists its values (so the space is a finite grid). */
    public static boolean finite(SweepSpec sweep) {
        return sweep.parameters().values().stream().noneMatch(SweepParameter::isRange);
    }

    /**
     * {@code n} configurations' values drawn under {@code seed}: a finite space gives distinct grid points (all of
     * them, in grid order, when {@code n} covers the grid; past the grid's size further points repeat), otherwise
     * independent draws.
     */
    public static List<Map<String, JsonNode>> draw(SweepSpec sweep, int n, long seed) {
        Random random = new Random(seed);
        if (finite(sweep)) {
            List<Map<String, JsonNode>> all = grid(sweep);
            if (n == all.size()) {
                return all;
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            List<Integer> picked = new ArrayList<>(order.subList(0, Math.min(n, all.size())));
            Collections.sort(picked);
            List<Map<String, JsonNode>> out = new ArrayList<>();
            picked.forEach(i -> out.add(all.get(i)));
            while (out.size() < n) {
                out.add(all.get(random.nextInt(all.size())));
            }
            return out;
        }
        ExperimentSpec base = sweep.baseSpec();
        List<Map<String, JsonNode>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            for (Map.Entry<String, SweepParameter> p : sweep.parameters().entrySet()) {
                SweepParameter param = p.getValue();
                if (param.isRange()) {
                    m.put(p.getKey(), drawRange(param, random, integral(base, p.getKey())));
                } else {
                    m.put(p.getKey(), param.values().get(random.nextInt(param.values().size())));
                }
            }
            out.add(m);
        }
        return out;
    }

    private static boolean integral(ExperimentSpec base, String path) {
        JsonNode current = SpecPaths.get(base, path);
        return current != null && current.isIntegralNumber();
    }

    private static JsonNode drawRange(SweepParameter p, Random random, boolean integral) {
        double lo = p.range().get(0);
        double hi = p.range().get(1);
        double u = random.nextDouble();
        double v = "log".equals(p.scaleOrDefault())
                ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)))
                : lo + u * (hi - lo);
        if (integral) {
            return LongNode.valueOf(Math.round(v));
        }
        // four significant digits: the draws stay readable in tables and YAML, and no run can tell the difference
        return DoubleNode.valueOf(new BigDecimal(v).round(new MathContext(4)).doubleValue());
    }

    /**
     * The configurations numbered from {@code firstNumber}, each applied to the base spec and validated; a
     * combination the spec validator refuses (each value passed alone) is an error before anything runs.
     */
    public static List<Configuration> configurations(SweepSpec sweep, List<Map<String, JsonNode>> values,
                                                     int firstNumber, int bracket) {
        List<Configuration> out = new ArrayList<>();
        int number = firstNumber;
        for (Map<String, JsonNode> v : values) {
            ExperimentSpec spec = SpecPaths.apply(sweep.baseSpec(), v);
            List<SpecProblem> problems = SpecValidator.problems(spec);
            if (!problems.isEmpty()) {
                List<SpecProblem> named = new ArrayList<>();
                for (SpecProblem p : problems) {
                    named.add(new SpecProblem("sweep.parameters", "the combination " + v + " fails the spec: "
                            + p.field() + ": " + p.message()));
                }
                throw new SpecException(named);
            }
            out.add(new Configuration(number++, bracket, v, spec));
        }
        return out;
    }

    /** The grid's size, or 0 when a parameter is a range. */
    public static long gridSize(SweepSpec sweep) {
        return SweepValidator.gridSize(sweep);
    }
}
