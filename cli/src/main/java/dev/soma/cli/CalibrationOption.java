package dev.soma.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --calibrate}, which {@code train}, {@code cv} and {@code tune} share (a picocli mixin), and its checks. */
final class CalibrationOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--calibrate", arity = "0..1", fallbackValue = "5", paramLabel = "FOLDS",
            description = "for --model svm: turn its scores into probabilities by Platt scaling fitted on the scores of"
                    + " FOLDS held-out folds (default 5; FOLDS + 1 fits; in cv and tune, inner folds of each fold's"
                    + " training rows), kept in the model file")
    Integer folds;

    /** The calibration's folds, or null without {@code --calibrate}; a usage error for another model or < 2 folds. */
    Integer checked(TrainingOptions.ModelType model) {
        if (folds != null && model != TrainingOptions.ModelType.svm) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--calibrate applies to --model svm only (the"
                    + " other classifiers give probabilities already), not to --model " + model);
        }
        if (folds != null && folds < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--calibrate needs at least 2 folds, but was "
                    + folds);
        }
        return folds;
    }
}
