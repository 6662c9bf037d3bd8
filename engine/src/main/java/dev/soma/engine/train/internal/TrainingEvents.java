package dev.soma.engine.train.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JDK Flight Recorder events, so a service can watch training in JDK Mission Control: one per epoch, one per
 * optimizer step. They cost nothing measurable unless a recording enables them, and their classes are not even
 * loaded unless the recorder runs ({@link #recorderRunning()}).
 */
final class TrainingEvents {

    private TrainingEvents() {
    }

    /**
     * True when the flight recorder has been started in this JVM (at launch with {@code -XX:StartFlightRecording}
     * or later by {@code jcmd}). Training makes its events only then, so that a JVM that never records never loads
     * the event classes; a recording started during a run sees the runs that begin after it.
     */
    static boolean recorderRunning() {
        return jdk.jfr.FlightRecorder.isInitialized();
    }

    @Name("dev.soma.Epoch")
    @Label("Soma Training Epoch")
    @Category({"Soma", "Training"})
    @Description("One epoch of training: the cost after it and the time it took")
    static final class EpochEvent extends Event {
        @Label("Epoch")
        int epoch;
        @Label("Cost")
        double cost;
        @Label("Mean Loss")
        double meanLoss;
        @Label("Gradient Norm")
        double gradientNorm;
        @Label("Learning Rate")
        double learningRate;
        @Label("Examples per Second")
        double examplesPerSecond;
        @Label("Optimizer")
        String optimizer;
    }

    @Name("dev.soma.Step")
    @Label("Soma Training Step")
    @Category({"Soma", "Training"})
    @Description("One optimizer step on one batch")
    static final class StepEvent extends Event {
        @Label("Epoch")
        int epoch;
        @Label("Batch Size")
        int batchSize;
        @Label("Cost")
        double cost;
        @Label("Learning Rate")
        double learningRate;
    }
}
