package dev.soma.onnx;

import com.google.protobuf.ByteString;
import dev.soma.onnx.proto.Onnx.AttributeProto;
import dev.soma.onnx.proto.Onnx.GraphProto;
import dev.soma.onnx.proto.Onnx.NodeProto;
import dev.soma.onnx.proto.Onnx.TensorProto;
import dev.soma.onnx.proto.Onnx.TensorShapeProto;
import dev.soma.onnx.proto.Onnx.TypeProto;
import dev.soma.onnx.proto.Onnx.ValueInfoProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds one ONNX graph: typed inputs and outputs, constant tensors (initializers) and operator nodes, each node's
 * output given a fresh name. Internal values are named {@code soma/<hint>/<n>}, so they never collide with an input
 * or output a user names (a table's column names become input names).
 */
final class GraphBuilder {

    /** The ONNX operator domain of the machine-learning operators ({@code LabelEncoder}). */
    static final String ML_DOMAIN = "ai.onnx.ml";
    /** The symbolic batch dimension of every input and output. */
    static final String BATCH = "N";

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private final List<TensorInfo> inputs = new ArrayList<>();
    private final List<TensorInfo> outputs = new ArrayList<>();
    private int counter;

    GraphBuilder(String name, String description) {
        graph.setName(name).setDocString(description);
    }

    GraphProto build() {
        return graph.build();
    }

    /** A graph input: a tensor of {@code elementType} with the batch first, then {@code dims}. */
    void input(String name, int elementType, String description, long... dims) {
        claim(name);
        graph.addInput(valueInfo(name, elementType, description, dims));
        inputs.add(info(name, elementType, description, dims));
    }

    /** Names the graph output {@code name} as the value {@code value} (through an Identity node). */
    void output(String name, String value, int elementType, String description, long... dims) {
        claim(name);
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName("output " + name).addInput(value)
                .addOutput(name));
        graph.addOutput(valueInfo(name, elementType, description, dims));
        outputs.add(info(name, elementType, description, dims));
    }

    List<TensorInfo> inputs() {
        return List.copyOf(inputs);
    }

    List<TensorInfo> outputs() {
        return List.copyOf(outputs);
    }

    private static TensorInfo info(String name, int elementType, String description, long... dims) {
        List<String> shape = new ArrayList<>();
        shape.add(BATCH);
        for (long d : dims) {
            shape.add(Long.toString(d));
        }
        String type = switch (elementType) {
            case TensorProto.DataType.FLOAT_VALUE -> "float";
            case TensorProto.DataType.STRING_VALUE -> "string";
            case TensorProto.DataType.INT64_VALUE -> "int64";
            default -> throw new IllegalArgumentException("element type " + elementType);
        };
        return new TensorInfo(name, type, shape, description);
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new OnnxExportException("two inputs or outputs of the ONNX model would be named '" + name
                    + "': rename the table column '" + name + "' (ONNX names must be unique)");
        }
    }

    private static ValueInfoProto valueInfo(String name, int elementType, String description, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).setDocString(description).build();
    }

    /** A float constant of the given shape. */
    String floats(String hint, float[] values, long... dims) {
        return constant(hint, TensorProto.DataType.FLOAT_VALUE, dims, t -> {
            for (float v : values) {
                t.addFloatData(v);
            }
        });
    }

    /** An int64 constant of the given shape. */
    String longs(String hint, long[] values, long... dims) {
        return constant(hint, TensorProto.DataType.INT64_VALUE, dims, t -> {
            for (long v : values) {
                t.addInt64Data(v);
            }
        });
    }

    private String constant(String hint, int dataType, long[] dims, java.util.function.Consumer<TensorProto.Builder> data) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType);
        for (long d : dims) {
            t.addDims(d);
        }
        data.accept(t);
        graph.addInitializer(t);
        return name;
    }

    /** A standard (ai.onnx) operator node with one output; returns the output's name. */
    String node(String op, String hint, List<String> inputs, AttributeProto... attributes) {
        return node("", op, hint, inputs, attributes);
    }

    /** An operator node of {@code domain} ("" for ai.onnx) with one output; returns the output's name. */
    String node(String domain, String op, String hint, List<String> inputs, AttributeProto... attributes) {
        String output = fresh(hint);
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setDomain(domain).setName(output)
                .addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return output;
    }

    private String fresh(String hint) {
        return "soma/" + hint + "/" + counter++;
    }

    static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(utf8(value)).build();
    }

    static AttributeProto longs(String name, long[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto strings(String name, List<String> values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.STRINGS);
        for (String v : values) {
            a.addStrings(utf8(v));
        }
        return a.build();
    }

    private static ByteString utf8(String s) {
        return ByteString.copyFrom(s, StandardCharsets.UTF_8);
    }
}
