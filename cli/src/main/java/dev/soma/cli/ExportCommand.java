package dev.soma.cli;

import dev.soma.engine.io.ModelFile;
import dev.soma.engine.model.Model;
import dev.soma.onnx.OnnxExport;
import dev.soma.onnx.OnnxModel;
import dev.soma.onnx.TensorInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes a Soma model file in an exchange format other runtimes read: ONNX, with the model's preprocessing (the
 * standardisation, a table's imputation and one-hot encoding) in the graph, so that ONNX Runtime takes the raw
 * features and gives the labels and probabilities Soma gives.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a model file as ONNX, with its preprocessing (standardisation, imputation, one-hot"
                + " encoding of string columns) in the graph, for ONNX Runtime in Python, C#, C++, JavaScript or Java."
                + " Prints the inputs and outputs of the graph.")
final class ExportCommand implements Callable<Integer> {

    /** The exchange formats. */
    enum Format {
        onnx
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a model file from 'soma train --out'")
    Path model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "onnx",
            description = "the format to write: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the exported model")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (out.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out is the model file itself; give another file (say model.onnx)");
        }
        OutputFiles.requireWritable(spec.commandLine(), out, "--out");
        Model loaded = ModelFile.load(model);
        OnnxModel onnx = OnnxExport.write(loaded, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %s: ONNX (IR version %d, opset %d, ai.onnx.ml %d), %s, %,d bytes%n", out,
                OnnxExport.IR_VERSION, OnnxExport.OPSET, OnnxExport.ML_OPSET, loaded.type(), Files.size(out));
        w.println("inputs:");
        for (TensorInfo input : onnx.inputs()) {
            w.println("  " + input);
        }
        w.println("outputs:");
        for (TensorInfo output : onnx.outputs()) {
            w.println("  " + output + "  " + output.description());
        }
        w.flush();
        return 0;
    }
}
