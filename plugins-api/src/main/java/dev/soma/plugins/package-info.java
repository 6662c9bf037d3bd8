/**
 * The service-provider interface for Soma plugins.
 *
 * <p>A plugin is a {@link dev.soma.plugins.Loss} or an {@link dev.soma.plugins.Optimizer}, made by a
 * {@link dev.soma.plugins.LossProvider} or an {@link dev.soma.plugins.OptimizerProvider} that has a stable
 * name and declares its typed {@link dev.soma.plugins.Option options}. Providers are listed in
 * {@code META-INF/services} and found at run time; a third-party plugin depends on this package alone.
 * Plugins get SIMD through the {@link dev.soma.plugins.VectorOps} the engine hands them.
 *
 * <p>This package depends on the JDK only.
 */
package dev.soma.plugins;
