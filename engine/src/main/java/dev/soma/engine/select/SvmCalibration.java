package dev.soma.engine.select;

import dev.soma.engine.data.Dataset;
import dev.soma.engine.model.LinearSvm;
import dev.soma.engine.model.PlattScaling;
import dev.soma.engine.train.Trainer;
import java.util.Objects;

/**
 * A linear SVM with probabilities: Platt scaling fitted on scores the SVM gave to examples it did not train on.
 * The data is split into k stratified folds; for each, an SVM trained on the other folds (with the trainer's
 * settings; its standardisation fitted on those folds only) scores the held-out fold; one {@link PlattScaling} is
 * fitted on all n held-out scores; and the returned SVM is trained on all the data and carries that scaling. This
 * is scikit-learn's {@code CalibratedClassifierCV(method="sigmoid", ensemble=False)}: one classifier, one sigmoid,
 * no score the sigmoid sees comes from a model that trained on that example (in-sample scores are over-confident).
 * It costs k + 1 fits.
 *
 * <pre>{@code
 * LinearSvm svm = SvmCalibration.fit(LinearSvm.trainer().optimizer("lbfgs").l2(0.01), train, 5, 0);
 * float p = svm.predictProbability(row);
 * }</pre>
 */
public final class SvmCalibration {

    private SvmCalibration() {
    }

    /**
     * Trains and calibrates an SVM on {@code data} with {@code folds} held-out folds, seeded.
     *
     * @throws IllegalArgumentException for fewer than 2 folds or more folds than a class has examples (naming the
     *                                  class), and whatever {@link Trainer#fit} refuses
     */
    public static LinearSvm fit(Trainer<LinearSvm> trainer, Dataset data, int folds, long seed) {
        return fit(trainer, data, Folds.stratified(Objects.requireNonNull(data, "data"), folds, seed));
    }

    /** Trains and calibrates an SVM with the given folds (say, read from a file). */
    public static LinearSvm fit(Trainer<LinearSvm> trainer, Dataset data, Folds folds) {
        float[] heldOutScores = heldOutScores(trainer, data, folds);
        LinearSvm model = trainer.fit(data);
        int[] classes = model.label().classesOf(data);
        return model.withCalibration(PlattScaling.fit(heldOutScores, classes, folds.count()));
    }

    /**
     * Every example's score from the SVM trained on the other folds (k fits): what the sigmoid is fitted on. For
     * callers that train the final model themselves (with a progress listener, say).
     */
    public static float[] heldOutScores(Trainer<LinearSvm> trainer, Dataset data, Folds folds) {
        if (folds.size() != data.size()) {
            throw new IllegalArgumentException("the folds are of " + folds.size() + " examples, but the data has "
                    + data.size());
        }
        float[] heldOutScores = new float[data.size()];
        for (int f = 0; f < folds.count(); f++) {
            int[] held = folds.heldOut(f);
            LinearSvm foldModel = trainer.fit(data.subset(folds.training(f)));
            float[] scores = foldModel.decisionFunction(data.subset(held));
            for (int k = 0; k < held.length; k++) {
                heldOutScores[held[k]] = scores[k];
            }
        }
        return heldOutScores;
    }
}
