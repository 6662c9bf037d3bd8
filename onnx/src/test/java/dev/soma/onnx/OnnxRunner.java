package dev.soma.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.soma.engine.table.ColumnEncoding;
import dev.soma.engine.table.TableEncoding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs an exported model in ONNX Runtime for Java, as a user of the file would: raw rows in, named outputs out. */
final class OnnxRunner implements AutoCloseable {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final OrtSession session;

    OnnxRunner(OnnxModel model) throws OrtException {
        session = ENV.createSession(model.toByteArray(), new OrtSession.SessionOptions());
    }

    OrtSession session() {
        return session;
    }

    /** What ONNX Runtime computes for the N × d raw feature rows of a plain numeric model. */
    Outputs runFeatures(float[][] rows) throws OrtException {
        try (OnnxTensor x = OnnxTensor.createTensor(ENV, rows)) {
            return run(Map.of(FeatureInputs.FEATURES, x));
        }
    }

    /**
     * What ONNX Runtime computes for raw table rows: {@code cells[i][c]} is row i's cell of column
     * {@code columns.get(c)}, as the CSV file has it (trimmed). Numeric columns go in as floats, a missing cell NaN;
     * categorical columns as strings.
     */
    Outputs runTable(TableEncoding encoding, List<String> columns, String[][] cells) throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (ColumnEncoding column : encoding.columns()) {
                int c = columns.indexOf(column.name());
                long[] shape = {cells.length, 1};
                if (column instanceof ColumnEncoding.Categorical) {
                    String[] values = new String[cells.length];
                    for (int i = 0; i < cells.length; i++) {
                        values[i] = cells[i][c].trim();
                    }
                    inputs.put(column.name(), OnnxTensor.createTensor(ENV, values, shape));
                } else {
                    float[][] values = new float[cells.length][1];
                    for (int i = 0; i < cells.length; i++) {
                        String cell = cells[i][c].trim();
                        values[i][0] = encoding.isMissing(cell) ? Float.NaN : Float.parseFloat(cell);
                    }
                    inputs.put(column.name(), OnnxTensor.createTensor(ENV, values));
                }
            }
            return run(inputs);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private Outputs run(Map<String, OnnxTensor> inputs) throws OrtException {
        try (OrtSession.Result result = session.run(inputs)) {
            Map<String, Object> values = new HashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                values.put(e.getKey(), e.getValue().getValue());
            }
            return new Outputs(values);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    /** The outputs by name, as ONNX Runtime gives them (String[], float[], float[][]). */
    record Outputs(Map<String, Object> values) {
        String[] labels() {
            return (String[]) values.get("label");
        }

        float[][] probabilities() {
            return (float[][]) values.get("probabilities");
        }

        float[] vector(String name) {
            return (float[]) values.get(name);
        }
    }
}
