package dev.verdant.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells of a CSV file as text, with the line number of each row, and what its first line turned out to be:
 * a header of column names, scikit-learn's {@code n_samples,n_features,class names...} line, or plain data.
 * The file is parsed by jackson-dataformat-csv: cells are comma-separated and trimmed, double-quoted cells may
 * hold commas; blank lines are skipped.
 * Every row has the same number of cells (checked here, so later errors can name a column).
 *
 * @param file        the file, for messages
 * @param header      column names, or null when the first line is data
 * @param classNames  the class names of a scikit-learn file's first line, or null
 * @param rows        data rows, each as trimmed cells
 * @param lineNumbers the 1-based line number of each data row
 */
record CsvTable(Path file, List<String> header, List<String> classNames, List<String[]> rows,
                int[] lineNumbers) {

    int columns() {
        return rows.get(0).length;
    }

    /** A column's name for messages: its header name when there is one, else its 0-based index. */
    String columnName(int column) {
        return header == null ? "column " + column : "column " + column + " ('" + header.get(column) + "')";
    }

    /**
     * Rows as arrays of text (no schema: the first line's role is decided here), spaces around cells trimmed.
     * Quoting follows RFC 4180, so a quoted cell may hold commas, doubled quotes and line breaks.
     */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build();

    static CsvTable read(Path file) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (Reader in = new InputStreamReader(IdxReader.open(file), StandardCharsets.UTF_8);
             JsonParser p = CSV.createParser(in)) {
            while (p.nextToken() == JsonToken.START_ARRAY) {
                int line = p.currentLocation().getLineNr(); // the row's first line (the token location lags)
                List<String> cells = new ArrayList<>();
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    cells.add(p.getText().trim());
                }
                if (rows.isEmpty() && !cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
                    // a byte-order mark from spreadsheet exports is not part of a cell
                    cells.set(0, cells.get(0).substring(1).trim());
                }
                if (!(cells.size() == 1 && cells.get(0).isEmpty()) && !cells.isEmpty()) {
                    rows.add(cells.toArray(String[]::new)); // a blank line is one empty cell: skipped
                    lines.add(line);
                }
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new DatasetException(file + ": " + where + "not valid CSV (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (rows.isEmpty()) {
            throw new DatasetException(file + ": the file is empty; expected comma-separated rows of numbers "
                    + "with a label column");
        }
        List<String> header = null;
        List<String> classNames = null;
        int firstData = 0;
        if (isSklearnFirstLine(rows)) {
            String[] first = rows.get(0);
            classNames = List.of(first).subList(2, first.length);
            firstData = 1;
        } else if (List.of(rows.get(0)).stream().anyMatch(c -> !isNumber(c))) {
            header = List.of(rows.get(0));
            firstData = 1;
        }
        if (rows.size() == firstData) {
            throw new DatasetException(file + ": line " + lines.get(0) + " is a header but no data rows follow");
        }
        int width = rows.get(firstData).length;
        for (int i = 0; i < rows.size(); i++) {
            boolean sklearnLine = classNames != null && i == 0;
            if (!sklearnLine && rows.get(i).length != width) {
                throw new DatasetException(file + ": line " + lines.get(i) + " has " + rows.get(i).length
                        + " cells, expected " + width + " like line " + lines.get(firstData)
                        + " (a missing or extra comma?)");
            }
        }
        if (width < 2) {
            throw new DatasetException(file + ": only one column; expected at least one feature and a label");
        }
        int[] lineNumbers = lines.subList(firstData, lines.size()).stream().mapToInt(Integer::intValue).toArray();
        return new CsvTable(file, header, classNames, rows.subList(firstData, rows.size()), lineNumbers);
    }

    /**
     * scikit-learn's bundled CSVs start with {@code n_samples,n_features,class name...}. Recognised only when the
     * counts match the rest of the file exactly, so an ordinary header or data line is never mistaken for one.
     */
    private static boolean isSklearnFirstLine(List<String[]> rows) {
        String[] first = rows.get(0);
        if (first.length < 3 || rows.size() < 2 || !isCount(first[0]) || !isCount(first[1])) {
            return false;
        }
        return Long.parseLong(first[0]) == rows.size() - 1 && Long.parseLong(first[1]) + 1 == rows.get(1).length;
    }

    private static boolean isCount(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s)); // NaN and Infinity are missing values, not features
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
