package dev.verdant.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A numeric table from a CSV file (or a folder holding exactly one {@code .csv} / {@code .csv.gz}): one column is
 * the label, all others are features. Labels may be numbers or names; distinct labels, sorted (numerically when
 * they are all numbers), become classes 0..k-1 and are the class names. scikit-learn's files name their classes on
 * the first line and label rows with class indices; those names are used. Rows are shuffled and split with the
 * seed, then every feature is standardised with the training split's mean and standard deviation only, so no
 * statistic of the validation data leaks into training.
 */
final class CsvDataset {

    private CsvDataset() {
    }

    static LoadedData load(Path path, String labelColumn, double validationSplit, long seed) {
        CsvTable table = CsvTable.read(csvFile(path));
        int label = labelIndex(table, labelColumn);
        List<String> labelCells = table.rows().stream().map(r -> r[label]).toList();
        List<String> classes = classNames(table, labelCells, label);
        int n = table.rows().size();
        int f = table.columns() - 1;
        float[] features = new float[n * f];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            String[] row = table.rows().get(i);
            int j = 0;
            for (int c = 0; c < row.length; c++) {
                if (c != label) {
                    features[i * f + j++] = number(table, i, c);
                }
            }
            labels[i] = classIndex(table, classes, row[label], i, label);
        }
        Split all = new Split(features, labels, f);
        Datasets.SplitIndices idx = Datasets.splitIndices("csv", n, validationSplit, seed);
        Split train = all.select(idx.train());
        Split val = all.select(idx.validation());
        Standardizer z = Standardizer.fit(train);
        train = z.apply(train);
        val = z.apply(val);
        return new LoadedData("csv", train, val, new long[] {f}, classes, ContentHash.of(train, val));
    }

    /** The file itself, or the single CSV inside a folder. */
    static Path csvFile(Path path) {
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new DatasetException("csv: " + path.toAbsolutePath() + " does not exist; set dataset.path to a "
                    + "CSV file or a folder holding one");
        }
        List<Path> csvs;
        try (Stream<Path> s = Files.list(path)) {
            csvs = s.filter(p -> {
                String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return Files.isRegularFile(p) && (name.endsWith(".csv") || name.endsWith(".csv.gz"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(path + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        if (csvs.size() != 1) {
            throw new DatasetException(path.toAbsolutePath() + ": expected exactly one .csv file, found "
                    + (csvs.isEmpty() ? "none" : csvs.stream().map(p -> p.getFileName().toString()).toList())
                    + "; set dataset.path to the file itself");
        }
        return csvs.get(0);
    }

    /** {@code dataset.labelColumn} as a header name or 0-based index; null means the last column. */
    static int labelIndex(CsvTable table, String labelColumn) {
        int columns = table.columns();
        if (labelColumn == null || labelColumn.isBlank()) {
            return columns - 1;
        }
        String wanted = labelColumn.trim();
        if (table.header() != null && table.header().contains(wanted)) {
            return table.header().indexOf(wanted);
        }
        try {
            int index = Integer.parseInt(wanted);
            if (index >= 0 && index < columns) {
                return index;
            }
        } catch (NumberFormatException e) {
            // not an index either: reported below with the names that would have worked
        }
        throw new DatasetException(table.file() + ": dataset.labelColumn '" + wanted + "' is neither "
                + (table.header() == null ? "" : "a column name " + table.header() + " nor ")
                + "a 0-based column index below " + columns);
    }

    private static List<String> classNames(CsvTable table, List<String> labelCells, int label) {
        if (table.classNames() != null) {
            return table.classNames();
        }
        boolean numeric = labelCells.stream().allMatch(CsvTable::isNumber);
        Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.naturalOrder();
        TreeSet<String> distinct = new TreeSet<>(order);
        distinct.addAll(labelCells);
        if (distinct.size() < 2) {
            throw new DatasetException(table.file() + ": the label " + table.columnName(label) + " has only "
                    + distinct.size() + " distinct value(s); a classifier needs at least two classes");
        }
        return List.copyOf(distinct);
    }

    private static int classIndex(CsvTable table, List<String> classes, String cell, int row, int label) {
        if (table.classNames() == null) {
            // names came from these cells; numeric labels like "1" and "1.0" compare equal through the sort order
            int i = classes.indexOf(cell);
            return i >= 0 ? i : classIndexNumeric(classes, cell);
        }
        try {
            int i = (int) Double.parseDouble(cell);
            if (i == Double.parseDouble(cell) && i >= 0 && i < classes.size()) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DatasetException(table.file() + ": line " + table.lineNumbers()[row] + ", " + table.columnName(label)
                + ": label '" + cell + "' is not a class index 0-" + (classes.size() - 1) + " of the classes "
                + classes + " named on line 1");
    }

    private static int classIndexNumeric(List<String> classes, String cell) {
        double v = Double.parseDouble(cell);
        for (int i = 0; i < classes.size(); i++) {
            if (Double.parseDouble(classes.get(i)) == v) {
                return i;
            }
        }
        throw new IllegalStateException("label " + cell + " was counted among " + classes);
    }

    private static float number(CsvTable table, int row, int column) {
        String cell = table.rows().get(row)[column];
        if (!CsvTable.isNumber(cell)) {
            throw new DatasetException(table.file() + ": line " + table.lineNumbers()[row] + ", "
                    + table.columnName(column) + ": '" + cell + "' is not a number; every column except the label "
                    + "must be numeric");
        }
        double value = Double.parseDouble(cell);
        if (!Float.isFinite((float) value)) {
            throw new DatasetException(table.file() + ": line " + table.lineNumbers()[row] + ", "
                    + table.columnName(column) + ": " + cell + " is beyond the range of a 32-bit float (about "
                    + "+-3.4e38), which training computes in; rescale the column");
        }
        return (float) value;
    }
}
