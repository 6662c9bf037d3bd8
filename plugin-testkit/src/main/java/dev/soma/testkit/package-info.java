/**
 * The conformance test kit for Soma plugins: abstract JUnit 5 tests that a plugin's own test extends.
 *
 * <ul>
 *   <li>{@link dev.soma.testkit.OptimizerConformanceTest}: return your {@code OptimizerProvider} (and, if needed, the
 *       options to test with); it trains on small problems and checks convergence, copy, reset, the state round trip
 *       and determinism.</li>
 *   <li>{@link dev.soma.testkit.LossConformanceTest}: return your {@code LossProvider}; it checks δ against a
 *       numerical derivative, the batch form, finiteness, labels and a declared form.</li>
 *   <li>{@link dev.soma.testkit.PlainVectorOps}: the {@code VectorOps} the kit steps optimizers with, usable in your
 *       own tests.</li>
 * </ul>
 *
 * <p>The kit depends on {@code soma-plugins-api} and JUnit Jupiter's API only; run it with Maven Surefire 3 or newer.
 */
package dev.soma.testkit;
