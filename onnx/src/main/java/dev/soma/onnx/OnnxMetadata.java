package dev.soma.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.soma.engine.io.ModelFile;
import dev.soma.engine.model.LinearModel;
import dev.soma.engine.model.Model;
import dev.soma.engine.train.TrainingSummary;
import dev.soma.onnx.proto.Onnx.StringStringEntryProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's metadata properties ({@code metadata_props}, which ONNX Runtime shows as the custom metadata map):
 * {@code soma.version}, {@code soma.type}, {@code soma.label}, {@code soma.classes} and {@code soma.feature_names}
 * (JSON arrays), {@code soma.training} (a JSON object of the training summary) and {@code soma.preprocessing}.
 */
final class OnnxMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxMetadata() {
    }

    static List<StringStringEntryProto> of(Model model) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("soma.version", ModelFile.somaVersion());
        props.put("soma.type", model.type());
        if (model.label().name() != null) {
            props.put("soma.label", model.label().name());
        }
        if (model.isClassifier()) {
            props.put("soma.classes", json(model.label().classes()));
        }
        props.put("soma.feature_names", json(List.copyOf(model.featureNames())));
        props.put("soma.training", json(training(model.summary())));
        props.put("soma.preprocessing", preprocessing(model));
        List<StringStringEntryProto> entries = new ArrayList<>();
        props.forEach((k, v) -> entries.add(StringStringEntryProto.newBuilder().setKey(k).setValue(v).build()));
        return entries;
    }

    /** One sentence on the model, the graph's and the model's doc string. */
    static String describe(Model model) {
        String label = model.label().name() != null ? " of '" + model.label().name() + "'" : "";
        String classes = model.isClassifier() ? ", classes " + abbreviated(model.label().classes()) : "";
        return "Soma " + model.type() + label + " on " + model.featureNames().size() + " features" + classes
                + ", exported with its preprocessing by Soma " + ModelFile.somaVersion();
    }

    private static String preprocessing(Model model) {
        String standardisation = model.standardizer().isIdentity() ? "none"
                : model instanceof LinearModel ? "folded into the weights (they apply to raw features)"
                : "(x - mean) / scale in the graph";
        return "standardisation: " + standardisation + "; table encoding: "
                + (model.encoding().isPlainNumeric() ? "none (one float input 'features')"
                : "imputation, missing indicators and one-hot encoding in the graph (one input per column)");
    }

    private static Map<String, Object> training(TrainingSummary s) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("epochs", s.epochs());
        t.put("stopReason", s.stopReason().name());
        t.put("cost", finite(s.cost()));
        t.put("meanLoss", finite(s.meanLoss()));
        t.put("gradientNorm", finite(s.gradientNorm()));
        t.put("loss", s.loss());
        t.put("optimizer", s.optimizer());
        t.put("optimizerOptions", s.optimizerOptions());
        t.put("learningRate", finite(s.learningRate()));
        t.put("batchSize", s.batchSize());
        t.put("l1", finite(s.l1()));
        t.put("l2", finite(s.l2()));
        t.put("validationLoss", finite(s.validationLoss()));
        t.put("passes", finite(s.passes()));
        t.put("kernels", s.kernelDescription());
        t.put("seconds", s.elapsed() == null ? null : s.elapsed().toNanos() / 1e9);
        return t;
    }

    /** JSON has no NaN: a value that is not finite (no validation loss, say) is null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata not writable as JSON", e);
        }
    }

    private static String abbreviated(List<String> classes) {
        return classes.size() <= 10 ? classes.toString() : classes.subList(0, 10) + "…";
    }
}
