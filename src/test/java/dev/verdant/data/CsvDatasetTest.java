package dev.verdant.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvDatasetTest {

    @TempDir
    Path dir;

    @Test
    void headerAndStringLabelsInTheLastColumn() throws IOException {
        Path f = write("a,b,kind\n1,10,cat\n2,20,dog\n3,30,cat\n4,40,bird\n5,50,dog\n");
        LoadedData d = CsvDataset.load(f, null, 0.2, 1);
        assertEquals(List.of("bird", "cat", "dog"), d.classNames());
        assertArrayEquals(new long[] {2}, d.sampleShape());
        assertEquals(4, d.train().size());
        assertEquals(1, d.validation().size());
    }

    @Test
    void noHeaderAndIntegerLabelsSortNumerically() throws IOException {
        Path f = write("0.5,10\n1.5,2\n2.5,10\n3.5,2\n4.5,9\n");
        LoadedData d = CsvDataset.load(f, null, 0.2, 1);
        assertEquals(List.of("2", "9", "10"), d.classNames());
        assertEquals(5, d.train().size() + d.validation().size());
    }

    @Test
    void labelColumnByNameAndByIndexAgree() throws IOException {
        Path f = write("kind,x,y\na,1,2\nb,3,4\na,5,7\nb,8,1\n");
        LoadedData byName = CsvDataset.load(f, "kind", 0.25, 3);
        LoadedData byIndex = CsvDataset.load(f, "0", 0.25, 3);
        assertEquals(List.of("a", "b"), byName.classNames());
        assertEquals(byName.sha256(), byIndex.sha256());
        assertArrayEquals(new long[] {2}, byName.sampleShape());
    }

    @Test
    void featuresAreStandardisedOnTheTrainingSplitOnly() throws IOException {
        Path f = write("x,c,label\n1,5,0\n2,5,1\n3,5,0\n4,5,1\n100,5,0\n");
        LoadedData d = CsvDataset.load(f, null, 0.2, 7);
        float[] x = d.train().features();
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < d.train().size(); i++) {
            sum += x[2 * i];
            sq += x[2 * i] * x[2 * i];
            assertEquals(0f, x[2 * i + 1], "a constant column is centred, not divided by zero");
        }
        int n = d.train().size();
        assertEquals(0, sum / n, 1e-5);
        assertEquals(1, sq / n, 1e-4);
    }

    @Test
    void splitIsDeterministicUnderTheSeed() throws IOException {
        Path f = write("1,2,a\n3,4,b\n5,6,a\n7,8,b\n9,10,a\n11,12,b\n");
        assertEquals(CsvDataset.load(f, null, 0.3, 42).sha256(), CsvDataset.load(f, null, 0.3, 42).sha256());
    }

    @Test
    void sklearnFirstLineNamesTheClasses() throws IOException {
        Path f = write("4,2,setosa,versicolor,virginica\n5.1,3.5,0\n4.9,3.0,1\n6.3,2.9,2\n5.0,3.3,0\n");
        LoadedData d = CsvDataset.load(f, null, 0.25, 1);
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertEquals(4, d.train().size() + d.validation().size());
        assertArrayEquals(new long[] {2}, d.sampleShape());
    }

    @Test
    void folderWithOneCsvIsAccepted() throws IOException {
        write("1,0\n2,1\n3,0\n");
        assertEquals(3, CsvDataset.load(dir, null, 0.34, 1).train().size() + 1);
    }

    @Test
    void nonNumericCellNamesLineColumnAndValue() throws IOException {
        Path f = write("a,b,label\n1,2,x\n3,oops,y\n");
        DatasetException e = assertThrows(DatasetException.class, () -> CsvDataset.load(f, null, 0.2, 1));
        assertTrue(e.getMessage().contains("data.csv: line 3, column 1 ('b'): 'oops' is not a number"),
                e.getMessage());
    }

    @Test
    void raggedRowNamesItsLine() throws IOException {
        Path f = write("1,2,0\n3,4,1\n5,1\n");
        DatasetException e = assertThrows(DatasetException.class, () -> CsvDataset.load(f, null, 0.2, 1));
        assertTrue(e.getMessage().contains("line 3 has 2 cells, expected 3"), e.getMessage());
    }

    @Test
    void emptyFileIsAClearError() throws IOException {
        Path f = write("\n\n");
        DatasetException e = assertThrows(DatasetException.class, () -> CsvDataset.load(f, null, 0.2, 1));
        assertTrue(e.getMessage().contains("the file is empty"), e.getMessage());
    }

    @Test
    void unknownLabelColumnListsTheNames() throws IOException {
        Path f = write("a,b\n1,0\n2,1\n");
        DatasetException e = assertThrows(DatasetException.class, () -> CsvDataset.load(f, "kind", 0.2, 1));
        assertTrue(e.getMessage().contains("[a, b]"), e.getMessage());
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), content);
    }
}
