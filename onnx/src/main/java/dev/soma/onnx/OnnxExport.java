package dev.soma.onnx;

import dev.soma.engine.io.ModelFile;
import dev.soma.engine.model.LinearModel;
import dev.soma.engine.model.MlpClassifier;
import dev.soma.engine.model.Model;
import dev.soma.onnx.proto.Onnx.ModelProto;
import dev.soma.onnx.proto.Onnx.OperatorSetIdProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a trained Soma model as an ONNX model: the arithmetic of its predictions and the preprocessing it learned
 * (standardisation, and for a table the imputation, missing indicators and one-hot encoding of string columns), so
 * that ONNX Runtime — in Python, C#, C++, JavaScript or a JVM without Soma — gives the same labels and probabilities
 * from the raw features. Soma's own JSON model file ({@link ModelFile}) stays the native format; ONNX is the
 * exchange format.
 *
 * <pre>{@code
 * Model model = LogisticRegression.trainer().fit(train);
 * OnnxExport.write(model, Path.of("model.onnx"));
 * }</pre>
 *
 * <p>The graph uses the standard operators of opset {@value #OPSET} ({@code Gemm}, {@code Sigmoid}, {@code Softmax},
 * {@code Relu}, {@code Tanh}, {@code ArgMax}, {@code Where}, {@code IsNaN}, {@code Equal}, ...) and {@code LabelEncoder}
 * of {@code ai.onnx.ml} opset {@value #ML_OPSET}, in ONNX IR version {@value #IR_VERSION} (ONNX 1.12 and later; ONNX
 * Runtime 1.12 and later). Inputs and outputs are listed by {@link OnnxModel#inputs()} and
 * {@link OnnxModel#outputs()}; see {@link FeatureInputs} and {@link ModelOutputs} for what each holds.
 */
public final class OnnxExport {

    /** The ONNX IR version written (ONNX 1.10+). */
    public static final int IR_VERSION = 8;
    /** The ai.onnx operator set. */
    public static final int OPSET = 17;
    /** The ai.onnx.ml operator set. */
    public static final int ML_OPSET = 3;

    private OnnxExport() {
    }

    /**
     * The model as ONNX.
     *
     * @throws OnnxExportException saying what in the model standard ONNX operators cannot express (feature hashing)
     */
    public static OnnxModel of(Model model) {
        GraphBuilder g = new GraphBuilder("soma_" + model.type().replace('-', '_'), OnnxMetadata.describe(model));
        String features = FeatureInputs.build(g, model.encoding());
        switch (model) {
            case LinearModel linear -> ModelOutputs.linear(g, linear, features);
            case MlpClassifier network -> ModelOutputs.network(g, network, features);
        }
        ModelProto proto = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(GraphBuilder.ML_DOMAIN).setVersion(ML_OPSET))
                .setProducerName("Soma")
                .setProducerVersion(ModelFile.somaVersion())
                .setDomain("dev.soma")
                .setModelVersion(1)
                .setDocString(OnnxMetadata.describe(model))
                .setGraph(g.build())
                .addAllMetadataProps(OnnxMetadata.of(model))
                .build();
        return new OnnxModel(proto, g.inputs(), g.outputs());
    }

    /**
     * Writes the model as an ONNX file, atomically: a failed write leaves no partial file.
     *
     * @throws OnnxExportException when the model cannot be expressed in ONNX (nothing is written)
     */
    public static OnnxModel write(Model model, Path file) throws IOException {
        OnnxModel onnx = of(model);
        onnx.write(file);
        return onnx;
    }

    /** Writes the model's ONNX bytes to {@code out} (left open). */
    public static OnnxModel write(Model model, OutputStream out) throws IOException {
        OnnxModel onnx = of(model);
        onnx.write(out);
        return onnx;
    }
}
