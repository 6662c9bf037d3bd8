package dev.soma.examples;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.model.Predictions;
import dev.soma.engine.table.RecordEncoder;
import dev.soma.engine.table.TableReader;
import dev.soma.engine.table.TableSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Trains on a raw table (strings, categories) and predicts for raw records, as a service would. */
public final class TableExample {

    public static void main(String[] args) throws Exception {
        Dataset train = TableReader.read(Path.of("datasets/credit_g/train.csv"),
                TableSpec.builder().label("class").build());
        LogisticRegression model = LogisticRegression.trainer().optimizer("lbfgs").l2(1.0 / train.size()).fit(train);
        System.out.println(train.dimension() + " features from " + model.encoding().columns().size() + " columns");

        // One record now and then: its cells by column name, as the table spells them (extra keys are ignored).
        Map<String, String> record = Map.ofEntries(
                Map.entry("checking_status", "no checking"), Map.entry("duration", "12"),
                Map.entry("credit_history", "existing paid"), Map.entry("purpose", "radio/tv"),
                Map.entry("credit_amount", "1500"), Map.entry("savings_status", "<100"),
                Map.entry("employment", "1<=X<4"), Map.entry("installment_commitment", "2"),
                Map.entry("personal_status", "male single"), Map.entry("other_parties", "none"),
                Map.entry("residence_since", "2"), Map.entry("property_magnitude", "car"),
                Map.entry("age", "35"), Map.entry("other_payment_plans", "none"), Map.entry("housing", "own"),
                Map.entry("existing_credits", "1"), Map.entry("job", "skilled"), Map.entry("num_dependents", "1"),
                Map.entry("own_telephone", "yes"), Map.entry("foreign_worker", "yes"));
        Predictions one = model.predictions(record, true);
        System.out.println(one.labels().getFirst() + " " + one.values()[0][1]);

        // A service's hot path: bind the column layout once; encoding a row then looks up no column by name.
        List<String> layout = List.copyOf(record.keySet());
        RecordEncoder encoder = model.encoding().bind(layout);
        String[] cells = layout.stream().map(record::get).toArray(String[]::new);
        Predictions same = model.predictions(new float[][] {encoder.encode(cells)}, true);
        System.out.println(same.labels().getFirst() + " " + same.values()[0][1]);
    }
}
