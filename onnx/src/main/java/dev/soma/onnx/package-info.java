/**
 * ONNX export: {@link dev.soma.onnx.OnnxExport} writes a trained Soma model, with the preprocessing it learned, as an
 * ONNX model. The generated protobuf classes of the ONNX schema live in {@code dev.soma.onnx.proto}.
 */
package dev.soma.onnx;
