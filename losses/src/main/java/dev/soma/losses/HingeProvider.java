package dev.soma.losses;

import java.util.List;

/** {@code "hinge"}: the linear SVM's loss. */
public final class HingeProvider extends BuiltInLossProvider {
    public HingeProvider() {
        super(Hinge.NAME, "hinge loss max(0, 1 - t*score) with t = 2*label - 1, a linear SVM", List.of(),
                o -> new Hinge());
    }
}
