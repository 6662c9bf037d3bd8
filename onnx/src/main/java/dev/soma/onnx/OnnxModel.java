package dev.soma.onnx;

import dev.soma.engine.io.AtomicFiles;
import dev.soma.onnx.proto.Onnx.ModelProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * An exported model: its ONNX bytes and the inputs and outputs a runtime sees. Immutable.
 */
public final class OnnxModel {

    private final ModelProto proto;
    private final List<TensorInfo> inputs;
    private final List<TensorInfo> outputs;

    OnnxModel(ModelProto proto, List<TensorInfo> inputs, List<TensorInfo> outputs) {
        this.proto = proto;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /** The graph's inputs, in order: {@code features} for a plain numeric model, else one per table column. */
    public List<TensorInfo> inputs() {
        return inputs;
    }

    /** The graph's outputs: {@code label} and {@code probabilities}, {@code label} and {@code score}, or {@code prediction}. */
    public List<TensorInfo> outputs() {
        return outputs;
    }

    /** The serialised ONNX model. */
    public byte[] toByteArray() {
        return proto.toByteArray();
    }

    /** Writes the ONNX file atomically (a temporary file moved into place). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toByteArray());
    }

    /** Writes the ONNX bytes to {@code out} (left open). */
    public void write(OutputStream out) throws IOException {
        proto.writeTo(out);
        out.flush();
    }

    /** The ONNX model message, for code that inspects it (package-private: the proto classes are not API). */
    ModelProto proto() {
        return proto;
    }
}
