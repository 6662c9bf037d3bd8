package dev.soma.engine.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The stopping rule and the shuffle at their edges, written to kill the mutants PIT found surviving in
 * {@link Stopper} and {@link TrainingLoop}: exact tolerance and patience boundaries, the kept parameters, and the
 * shuffle's dependence on seed and epoch.
 */
class TrainingLoopMutationTest {

    @Test
    void anEpochImprovesOnlyWhenItBeatsTheBestByMoreThanTheTolerance() {
        Stopper stopper = new Stopper(0.5, 2, false);
        stopper.record(1, 10, new float[1]);
        assertEquals(0, stopper.badEpochs(), "the first value beats +∞");
        stopper.record(2, 9.5, new float[1]);                        // exactly best − tolerance: not an improvement
        assertEquals(1, stopper.badEpochs());
        assertEquals(9.5, stopper.best(), "but it is the new best");
        assertEquals(2, stopper.bestEpoch());
        stopper.record(3, 8.9, new float[1]);                        // more than 0.5 below 9.5
        assertEquals(0, stopper.badEpochs());
        assertEquals(3, stopper.bestEpoch());
        stopper.record(4, 8.9, new float[1]);                        // equal to the best: neither
        assertEquals(1, stopper.badEpochs());
        assertEquals(8.9, stopper.best());
        assertEquals(3, stopper.bestEpoch(), "an equal value is not a new best");
    }

    @Test
    void patienceCountsEpochsInARowAndOnlyWhenTheRuleIsActive() {
        Stopper stopper = new Stopper(0, 3, false);
        stopper.record(1, 1, new float[1]);
        stopper.record(2, 2, new float[1]);
        stopper.record(3, 2, new float[1]);
        assertFalse(stopper.exhausted(true), "two bad epochs, patience 3");
        stopper.record(4, 2, new float[1]);
        assertTrue(stopper.exhausted(true), "three bad epochs");
        assertFalse(stopper.exhausted(false), "never when the rule is off");
        stopper.record(5, 0.5, new float[1]);
        assertFalse(stopper.exhausted(true), "an improvement starts the count again");
    }

    @Test
    void theBestParametersAreKeptAsACopyOnlyWhenAsked() {
        Stopper keeping = new Stopper(0, 1, true);
        float[] theta = {1f, 2f};
        keeping.record(1, 5, theta);
        theta[0] = 99f;
        assertArrayEquals(new float[] {1f, 2f}, keeping.bestTheta(), "a copy, not the live parameters");
        keeping.record(2, 6, new float[] {7f, 7f});
        assertArrayEquals(new float[] {1f, 2f}, keeping.bestTheta(), "a worse epoch does not replace them");
        keeping.record(3, 4, new float[] {3f, 4f});
        assertArrayEquals(new float[] {3f, 4f}, keeping.bestTheta());
        assertNotSame(keeping.bestTheta(), keeping.bestTheta(), "each call gives a new copy");
        Stopper notKeeping = new Stopper(0, 1, false);
        notKeeping.record(1, 5, theta);
        assertNull(notKeeping.bestTheta());
    }

    @Test
    void restoreSetsEveryField() {
        Stopper stopper = new Stopper(0, 2, true);
        stopper.restore(3.5, 1, 7, new float[] {2f});
        assertEquals(3.5, stopper.best());
        assertEquals(1, stopper.badEpochs());
        assertEquals(7, stopper.bestEpoch());
        assertArrayEquals(new float[] {2f}, stopper.bestTheta());
        stopper.record(8, 3.5, new float[] {0f});
        assertTrue(stopper.exhausted(true), "the restored bad epoch counts towards the patience");
    }

    @Test
    void theShuffleIsAPermutationFixedBySeedAndEpoch() {
        int[] a = new int[50];
        int[] b = new int[50];
        TrainingLoop.shuffle(a, 42, 3);
        TrainingLoop.shuffle(b, 42, 3);
        assertArrayEquals(a, b, "the same seed and epoch give the same order");
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i], "every example exactly once");
        }
        int[] identity = new int[50];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(identity, a), "the order is shuffled");
        int[] otherEpoch = new int[50];
        TrainingLoop.shuffle(otherEpoch, 42, 4);
        assertFalse(Arrays.equals(a, otherEpoch), "another epoch, another order");
        int[] otherSeed = new int[50];
        TrainingLoop.shuffle(otherSeed, 43, 3);
        assertFalse(Arrays.equals(a, otherSeed), "another seed, another order");
        int[] stale = new int[50];
        Arrays.fill(stale, 7);
        TrainingLoop.shuffle(stale, 42, 3);
        assertArrayEquals(a, stale, "the shuffle starts from the identity, whatever the array held");
    }

    @Test
    void theLastElementMovesToo() {
        // Fisher–Yates down to i = 1: over many seeds the last position takes every value, the first too.
        boolean[] lastSeen = new boolean[5];
        boolean[] firstSeen = new boolean[5];
        int[] order = new int[5];
        for (long seed = 0; seed < 200; seed++) {
            TrainingLoop.shuffle(order, seed, 1);
            lastSeen[order[4]] = true;
            firstSeen[order[0]] = true;
        }
        for (int v = 0; v < 5; v++) {
            assertTrue(lastSeen[v] && firstSeen[v], "value " + v + " reaches both ends");
        }
    }
}
