package dev.soma.onnx;

/**
 * The model cannot be written as ONNX: its message says what in the model standard ONNX operators cannot express,
 * and what to do instead.
 */
public final class OnnxExportException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what cannot be exported, and why */
    public OnnxExportException(String message) {
        super(message);
    }
}
