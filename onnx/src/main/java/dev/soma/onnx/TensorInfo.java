package dev.soma.onnx;

import java.util.List;

/**
 * One input or output of an exported model, as ONNX Runtime shows it.
 *
 * @param name        the tensor's name in the graph (a table's column name, {@code features}, {@code label}, ...)
 * @param elementType {@code float}, {@code string} or {@code int64}
 * @param shape       the dimensions, {@code N} for the batch (the number of rows)
 * @param description what it holds
 */
public record TensorInfo(String name, String elementType, List<String> shape, String description) {

    public TensorInfo {
        shape = List.copyOf(shape);
    }

    /** {@code name: float[N, 30]}, as the command line prints it. */
    @Override
    public String toString() {
        return name + ": " + elementType + "[" + String.join(", ", shape) + "]";
    }
}
