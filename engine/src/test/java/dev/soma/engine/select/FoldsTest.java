package dev.soma.engine.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldsTest {

    @TempDir
    Path dir;

    /** 30 of class 0, 10 of class 1, 5 of class 2. */
    private static Dataset unbalanced() {
        float[][] rows = new float[45][1];
        float[] labels = new float[45];
        for (int i = 0; i < 45; i++) {
            rows[i][0] = i;
            labels[i] = i < 30 ? 0 : i < 40 ? 1 : 2;
        }
        return Dataset.fromRows(rows, labels);
    }

    @Test
    void stratifiedFoldsHoldEachClassInProportionAndBalancedSizes() {
        Dataset data = unbalanced();
        Folds folds = Folds.stratified(data, 5, 42);
        assertEquals(5, folds.count());
        for (int f = 0; f < 5; f++) {
            int[] held = folds.heldOut(f);
            assertEquals(9, held.length);
            int[] perClass = new int[3];
            for (int row : held) {
                perClass[(int) data.label(row)]++;
            }
            assertArrayEquals(new int[] {6, 2, 1}, perClass, "fold " + f);
            assertEquals(45 - 9, folds.training(f).length);
        }
        assertEquals(folds, Folds.stratified(data, 5, 42));
        assertNotEquals(folds, Folds.stratified(data, 5, 43));
    }

    @Test
    void plainFoldsPartitionTheRows() {
        Folds folds = Folds.plain(23, 4, 1);
        int total = 0;
        for (int f = 0; f < 4; f++) {
            int size = folds.heldOut(f).length;
            assertTrue(size == 5 || size == 6, "fold size " + size);
            total += size;
        }
        assertEquals(23, total);
    }

    @Test
    void aFoldCountLargerThanAClassSaysWhichClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Folds.stratified(unbalanced(), 6, 0));
        assertTrue(e.getMessage().contains("class '2' has only 5 examples"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 5 folds"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Folds.plain(10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Folds.plain(3, 4, 0));
    }

    @Test
    void aClassOfOneExampleNeverSuggestsOneFold() {
        float[][] rows = new float[12][1];
        float[] labels = new float[12];
        for (int i = 0; i < 12; i++) {
            labels[i] = i < 11 ? i % 2 : 2;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Folds.stratified(Dataset.fromRows(rows, labels), 3, 0));
        assertEquals("3 folds, but the class '2' has only 1 example: every fold must hold each class, so every class"
                + " needs at least 3 examples", e.getMessage());
    }

    @Test
    void aRegressionLikeLabelIsCalledOneAndPointedToPlainFolds() {
        float[][] rows = new float[200][1];
        float[] labels = new float[200];
        for (int i = 0; i < 200; i++) {
            labels[i] = 7f + i * 0.05f;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Folds.stratified(Dataset.fromRows(rows, labels), 5, 0));
        assertTrue(e.getMessage().contains("has only 1 example: every fold must hold each class, so every class needs"
                + " at least 5 examples; the label takes 200 distinct values, which looks like a regression target:"
                + " use a regression model (linear), whose folds are plain"), e.getMessage());
        assertFalse(e.getMessage().contains("at most"), e.getMessage());
    }

    @Test
    void aFoldsLineWithAThirdCellIsRefusedNamingTheLine() throws IOException {
        Path file = dir.resolve("three.csv");
        Files.writeString(file, "row,fold\n0,0\n1,1,7\n2,0\n3,1\n");
        IOException e = assertThrows(IOException.class, () -> Folds.read(file));
        assertEquals(file + " line 3: expected exactly 'row,fold' (two cells), got 3 cells in '1,1,7'", e.getMessage());
        Files.writeString(file, "row,fold\n0,0\n1,1,\n2,0\n3,1\n");
        e = assertThrows(IOException.class, () -> Folds.read(file));
        assertTrue(e.getMessage().startsWith(file + " line 3: expected exactly 'row,fold'"), e.getMessage());
    }

    @Test
    void writtenFoldsReadBackAndBadFilesNameTheLine() throws IOException {
        Folds folds = Folds.stratified(unbalanced(), 3, 9);
        Path file = dir.resolve("folds.csv");
        folds.write(file);
        assertEquals(folds, Folds.read(file));
        Files.writeString(file, "row,fold\n0,0\n1,x\n");
        IOException e = assertThrows(IOException.class, () -> Folds.read(file));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        Files.writeString(file, "row,fold\n0,0\n0,1\n");
        e = assertThrows(IOException.class, () -> Folds.read(file));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    }
}
