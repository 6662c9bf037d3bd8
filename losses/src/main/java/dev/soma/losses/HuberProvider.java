package dev.soma.losses;

import java.util.List;

/** {@code "huber"}: robust regression. */
public final class HuberProvider extends BuiltInLossProvider {
    public HuberProvider() {
        super(Huber.NAME, "Huber loss: squared error within delta of the label, linear beyond", List.of(LossOptions.HUBER_DELTA),
                o -> new Huber(o.get(LossOptions.HUBER_DELTA)));
    }
}
