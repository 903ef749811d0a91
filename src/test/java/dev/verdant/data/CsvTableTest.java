package dev.verdant.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV cells as jackson-dataformat-csv reads them, with the line numbers our messages name. */
class CsvTableTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void quotedCellsMayHoldCommasAndLineNumbersCountBlankLines() throws IOException {
        CsvTable t = CsvTable.read(write("\uFEFFx, y ,city\n\n1,2,\"New York, NY\"\n   \n3, 4 ,\"Paris\"\n"));
        assertEquals(List.of("x", "y", "city"), t.header(), "byte-order mark and spaces are not part of a name");
        assertNull(t.classNames());
        assertEquals(2, t.rows().size());
        assertArrayEquals(new String[] {"1", "2", "New York, NY"}, t.rows().get(0));
        assertArrayEquals(new String[] {"3", "4", "Paris"}, t.rows().get(1));
        assertArrayEquals(new int[] {3, 5}, t.lineNumbers());
    }

    @Test
    void scikitLearnFirstLineGivesClassNames() throws IOException {
        CsvTable t = CsvTable.read(write("2,2,setosa,versicolor\n5.1,3.5,0\n7.0,3.2,1\n"));
        assertEquals(List.of("setosa", "versicolor"), t.classNames());
        assertArrayEquals(new int[] {2, 3}, t.lineNumbers());
    }

    @Test
    void anUnterminatedQuoteNamesFileAndLine() throws IOException {
        Path f = write("a,b\n1,2\n3,\"oops\n");
        DatasetException e = assertThrows(DatasetException.class, () -> CsvTable.read(f));
        assertTrue(e.getMessage().startsWith(f + ": line "), e.getMessage());
        assertTrue(e.getMessage().contains("not valid CSV"), e.getMessage());
    }

    @Test
    void raggedRowsNameBothLines() throws IOException {
        Path f = write("1,2,0\n\n3,4\n");
        DatasetException e = assertThrows(DatasetException.class, () -> CsvTable.read(f));
        assertEquals(f + ": line 3 has 2 cells, expected 3 like line 1 (a missing or extra comma?)", e.getMessage());
    }
}
