package dev.soma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every model type and the optimizers of each family train on an encoded table, and the saved model scores the raw
 * test file exactly as training scored it: the encoding travels with every kind of model.
 */
class TableModelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "logistic, lbfgs,     class, accuracy",
        "logistic, sgd,       class, accuracy",
        "svm,      minibatch, class, accuracy",
        "softmax,  adam,      class, accuracy",
        "mlp,      adam,      class, accuracy",
        "linear,   lbfgs,     age,   rmse",
        "linear,   batch,     age,   rmse",
    })
    void everyModelTrainsOnATableAndScoresItsRawRows(String model, String optimizer, String label, String metric)
            throws IOException {
        Path file = dir.resolve(model + "-" + optimizer + ".json");
        List<String> args = new ArrayList<>(List.of("train", "--data", "datasets/credit_g/train.csv", "--test",
                "datasets/credit_g/test.csv", "--label", label, "--model", model, "--optimizer", optimizer,
                "--epochs", "20", "--l2", "0.001", "--json", "--out", file.toString()));
        if (model.equals("mlp")) {
            args.addAll(List.of("--hidden", "8"));
        }
        ColumnPolicyTest.Run train = ColumnPolicyTest.run(args.toArray(String[]::new));
        assertEquals(0, train.exit(), train.err());
        JsonNode result = JSON.readTree(train.out());
        int features = label.equals("age") ? 62 : 61; // for age, class is a feature: 61 - age + class=bad, class=good
        assertEquals(features, result.at("/schema/features").asInt());
        double trained = result.at("/test/" + metric).asDouble();
        assertTrue(Double.isFinite(trained) && trained > 0, result.toString());

        ColumnPolicyTest.Run evaluate = ColumnPolicyTest.run("evaluate", "--model", file.toString(), "--data",
                "datasets/credit_g/test.csv", "--json");
        assertEquals(0, evaluate.exit(), evaluate.err());
        assertEquals(trained, JSON.readTree(evaluate.out()).at("/metrics/" + metric).asDouble(), 0,
                "the saved model scores the raw rows as training did");

        ColumnPolicyTest.Run inspect = ColumnPolicyTest.run("inspect", file.toString(), "--json");
        assertEquals(0, inspect.exit(), inspect.err());
        assertEquals(20, JSON.readTree(inspect.out()).at("/schema/columns").size());
    }
}
