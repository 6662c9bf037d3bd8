package dev.soma.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.soma.engine.data.CsvDatasetReader;
import dev.soma.engine.data.DataFormatException;
import dev.soma.engine.data.Dataset;
import dev.soma.engine.io.ModelFile;
import dev.soma.engine.network.Architecture;
import dev.soma.plugins.Options;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A model knows its label: the column's name and, for a classifier, its classes in the data's own spelling. Two
 * classes train a binary classifier whatever their spelling, the one that sorts last being the positive class, and
 * predictions come back in that spelling; the label survives a model file.
 */
class LabelSpellingsTest {

    /** Class "hi" where x > 0, "lo" elsewhere; the label first, to show that its position does not matter. */
    private static Dataset twoClasses(String lo, String hi) throws IOException {
        StringBuilder csv = new StringBuilder("outcome,x\n");
        for (int i = -10; i <= 10; i++) {
            if (i != 0) {
                csv.append(i > 0 ? hi : lo).append(',').append(i).append('\n');
            }
        }
        return CsvDatasetReader.withLabelColumn("outcome").read(new StringReader(csv.toString()), "spellings.csv");
    }

    @ParameterizedTest
    @CsvSource({"0,1", "-1,1", "1,2", "false,true", "False,True", "no,yes", "benign,malignant"})
    void twoClassesInAnySpellingTrainABinaryClassifier(String lo, String hi) throws IOException {
        Dataset data = twoClasses(lo, hi);
        for (LinearModel model : new LinearModel[] {
                LogisticRegression.trainer().optimizer("lbfgs", Options.empty()).fit(data),
                LinearSvm.trainer().optimizer("lbfgs", Options.empty()).l2(0.01).fit(data)}) {
            assertEquals("outcome", model.label().name());
            assertEquals(List.of(lo, hi), model.label().classes(), "the class that sorts last is positive");
            Predictions p = model.predictions(new float[][] {{-5}, {5}}, false);
            assertEquals(List.of(lo, hi), p.labels(), "predictions in the data's spelling");
            assertEquals(1.0, ((dev.soma.engine.metrics.ClassificationReport) model.report(data)).accuracy(), 1e-9);
        }
    }

    @Test
    void numericClassesKeepTheirValuesInPredictions() throws IOException {
        LogisticRegression model = LogisticRegression.trainer().fit(twoClasses("-1", "1"));
        assertArrayEquals(new float[] {-1, 1}, model.label().values());
        Predictions p = model.predictions(new float[][] {{-5}, {5}}, true);
        assertEquals(-1f, p.values()[0][0]);
        assertEquals(1f, p.values()[1][0]);
    }

    @Test
    void thePositiveClassCanBeChosen() throws IOException {
        LogisticRegression model = LogisticRegression.trainer().positiveClass("no").fit(twoClasses("no", "yes"));
        assertEquals(List.of("yes", "no"), model.label().classes(), "class 1, the positive one, is 'no'");
        assertEquals(List.of("no", "yes"), model.predictions(new float[][] {{-5}, {5}}, false).labels());
        assertTrue(model.predictProbability(new float[] {-5}) > 0.5f, "P(positive) is P(no)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.trainer().positiveClass("maybe").fit(twoClasses("no", "yes")));
        assertTrue(e.getMessage().contains("the positive class 'maybe' is not one of"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.trainer().positiveClass("1").fit(twoClasses("0", "1")));
    }

    @Test
    void theLabelSurvivesAModelFile() throws IOException {
        LogisticRegression model = LogisticRegression.trainer().fit(twoClasses("no", "yes"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.save(model, out);
        Model back = ModelFile.load(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(model.label(), back.label());
        assertEquals(List.of("no", "yes"), back.predictions(new float[][] {{-5}, {5}}, false).labels());
    }

    @Test
    void evaluationFindsClassesBySpellingNotByPosition() throws IOException {
        LogisticRegression model = LogisticRegression.trainer().fit(twoClasses("no", "yes"));
        // Only "yes" rows: read alone, "yes" would be text class 0; matched by spelling it is the model's class 1.
        Dataset onlyYes = CsvDatasetReader.withLabelColumn("outcome")
                .read(new StringReader("outcome,x\nyes,4\nyes,7\n"), "yes.csv");
        assertEquals(1.0, model.evaluate(onlyYes).accuracy(), 1e-9);
        Dataset unknown = CsvDatasetReader.withLabelColumn("outcome")
                .read(new StringReader("outcome,x\nmaybe,4\n"), "maybe.csv");
        DataFormatException e = assertThrows(DataFormatException.class, () -> model.evaluate(unknown));
        assertTrue(e.getMessage().contains("maybe.csv line 2: label 'outcome' is 'maybe', which is not one of the"
                + " classes the model was trained on: [no, yes]"), e.getMessage());
    }

    @Test
    void aRegressionModelRefusesWords() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> LinearRegression.trainer().fit(twoClasses("no", "yes")));
        assertTrue(e.getMessage().contains("holds words [no, yes]"), e.getMessage());
    }

    @Test
    void aClassifierRefusesALabelThatLooksLikeARegressionTarget() {
        float[][] x = new float[30][];
        float[] fractional = new float[30];
        float[] many = new float[300];
        for (int i = 0; i < 30; i++) {
            x[i] = new float[] {i};
            fractional[i] = 0.1f * (i % 22);
        }
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> SoftmaxRegression.trainer().fit(Dataset.fromRows(x, fractional)));
        assertTrue(e.getMessage().contains("looks like a regression target"), e.getMessage());
        float[][] x300 = new float[300][];
        for (int i = 0; i < 300; i++) {
            x300[i] = new float[] {i};
            many[i] = i;
        }
        DataFormatException tooMany = assertThrows(DataFormatException.class,
                () -> MlpClassifier.trainer(Architecture.hidden(2)).fit(Dataset.fromRows(x300, many)));
        assertTrue(tooMany.getMessage().contains("more than 100 distinct numbers"), tooMany.getMessage());
    }

    @Test
    void aUserCanSayThatFractionalLabelsAreClasses() {
        float[][] x = new float[40][];
        float[] y = new float[40];
        for (int i = 0; i < 40; i++) {
            x[i] = new float[] {i < 20 ? -1 - i % 3 : 1 + i % 3};
            y[i] = i < 20 ? 0.25f : 2.5f;
        }
        Dataset fractional = Dataset.fromRows(x, y);
        assertThrows(DataFormatException.class, () -> SoftmaxRegression.trainer().fit(fractional));
        MlpClassifier model = SoftmaxRegression.trainer().optimizer("adam", Options.of("learningRate", 0.1))
                .maxEpochs(100).fit(fractional.asClasses());
        assertEquals(List.of("0.25", "2.5"), model.label().classes());
        assertEquals(List.of("0.25", "2.5"), model.predictions(new float[][] {{-2}, {2}}, false).labels());
    }

    @Test
    void softmaxTakesWordsAsClasses() throws IOException {
        StringBuilder csv = new StringBuilder("x,species\n");
        String[] species = {"setosa", "versicolor", "virginica"};
        for (int i = 0; i < 30; i++) {
            csv.append(i % 3 * 10 + i % 5).append(',').append(species[i % 3]).append('\n');
        }
        MlpClassifier model = SoftmaxRegression.trainer().optimizer("adam", Options.of("learningRate", 0.1))
                .maxEpochs(300).fit(CsvDatasetReader.withLabelColumn(null).read(new StringReader(csv.toString()), "iris.csv"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), model.label().classes());
        assertEquals(List.of("setosa", "virginica"), model.predictions(new float[][] {{1}, {21}}, false).labels());
    }
}
