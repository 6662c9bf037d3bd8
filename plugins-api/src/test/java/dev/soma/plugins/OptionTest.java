package dev.soma.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionTest {

    private static final Option<Double> RATE = Option.positiveDouble("learningRate", 0.1, "step size");
    private static final Option<Integer> BATCH = Option.positiveInt("batchSize", 32, "examples per step");
    private static final Option<Boolean> NESTEROV = Option.flag("nesterov", false, "look ahead");
    private static final Option<Double> DECAY = Option.nonNegativeDouble("decay", 0, "decay");

    @Test
    void valuesConvertFromTheirTypeFromNumbersAndFromText() {
        assertEquals(0.5, RATE.convert(0.5));
        assertEquals(2.0, RATE.convert(2));
        assertEquals(0.25, RATE.convert(" 0.25 "));
        assertEquals(8, BATCH.convert(8));
        assertEquals(8, BATCH.convert(8L));
        assertEquals(8, BATCH.convert(8.0));
        assertEquals(16, BATCH.convert("16"));
        assertEquals(true, NESTEROV.convert("TRUE"));
        assertEquals(0.0, DECAY.convert("0"));
    }

    @Test
    void invalidValuesNameTheOptionAndWhatIsValid() {
        assertEquals("option 'learningRate' must be a finite number > 0, but was '0'",
                assertThrows(IllegalArgumentException.class, () -> RATE.convert("0")).getMessage());
        assertEquals("option 'learningRate' must be a finite number > 0, but was 'NaN'",
                assertThrows(IllegalArgumentException.class, () -> RATE.convert(Double.NaN)).getMessage());
        assertEquals("option 'learningRate' must be a finite number > 0, but was 'fast'",
                assertThrows(IllegalArgumentException.class, () -> RATE.convert("fast")).getMessage());
        assertEquals("option 'batchSize' must be a whole number >= 1, but was '2.5'",
                assertThrows(IllegalArgumentException.class, () -> BATCH.convert(2.5)).getMessage());
        assertEquals("option 'batchSize' must be a whole number >= 1, but was '0'",
                assertThrows(IllegalArgumentException.class, () -> BATCH.convert("0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BATCH.convert(1e12));
        assertThrows(IllegalArgumentException.class, () -> NESTEROV.convert("yes"));
        assertThrows(IllegalArgumentException.class, () -> DECAY.convert(-1));
        assertThrows(IllegalArgumentException.class, () -> RATE.convert(List.of()));
    }

    @Test
    void aBadDefaultOrNameIsCaughtWhenTheOptionIsDeclared() {
        assertThrows(IllegalArgumentException.class, () -> Option.positiveDouble("rate", -1, "bad default"));
        assertThrows(IllegalArgumentException.class, () -> Option.positiveDouble("learning rate", 1, "space"));
        assertThrows(IllegalArgumentException.class, () -> Option.positiveInt("1st", 1, "digit first"));
    }

    @Test
    void optionsFallBackToDefaultsAndCheckNames() {
        Options options = Options.of("learningRate", "0.3");
        assertEquals(0.3, options.get(RATE));
        assertEquals(32, options.get(BATCH));
        options.validateAgainst("minibatch", List.of(RATE, BATCH));
        assertEquals("'batch' has no option 'learningrate': its options are [batchSize, learningRate]",
                assertThrows(IllegalArgumentException.class,
                        () -> Options.of("learningrate", 1).validateAgainst("batch", List.of(RATE, BATCH))).getMessage());
        assertEquals("'log' has no option 'x': it has no options",
                assertThrows(IllegalArgumentException.class,
                        () -> Options.of("x", 1).validateAgainst("log", List.of())).getMessage());
        assertEquals("'sgd': option 'learningRate' must be a finite number > 0, but was '-2'",
                assertThrows(IllegalArgumentException.class,
                        () -> Options.of("learningRate", -2).validateAgainst("sgd", List.of(RATE))).getMessage());
    }

    @Test
    void optionsAreImmutableValues() {
        Options a = Options.of("learningRate", 0.3);
        Options b = a.with("batchSize", 4);
        assertEquals(1, a.asMap().size());
        assertEquals(2, b.asMap().size());
        assertEquals(Options.of("learningRate", 0.3, "batchSize", 4), b);
        assertThrows(UnsupportedOperationException.class, () -> b.asMap().put("x", 1));
        assertThrows(NullPointerException.class, () -> Options.of("learningRate", null));
    }
}
