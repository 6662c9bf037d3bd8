/**
 * The service-provider interface for Soma plugins: what a third-party loss or optimizer implements.
 *
 * <p>A plugin is a {@link dev.soma.plugins.Loss} or an {@link dev.soma.plugins.Optimizer}, made by a
 * {@link dev.soma.plugins.LossProvider} or an {@link dev.soma.plugins.OptimizerProvider} that has a stable
 * name and declares its typed {@link dev.soma.plugins.Option options}. Providers are listed in
 * {@code META-INF/services/dev.soma.plugins.LossProvider} or {@code META-INF/services/dev.soma.plugins.OptimizerProvider}
 * and found at run time, on the class path or in a plugin folder; a third-party plugin depends on this package
 * alone. Plugins get SIMD through the {@link dev.soma.plugins.VectorOps} the engine hands them.
 *
 * <ul>
 *   <li>{@link dev.soma.plugins.Optimizer}: the update rule, its batch size, its state
 *       ({@link dev.soma.plugins.OptimizerState}); each step gets the batch's mean gradient and a
 *       {@link dev.soma.plugins.StepContext} (cost, learning-rate factor, epoch, {@link dev.soma.plugins.CostFunction}).</li>
 *   <li>{@link dev.soma.plugins.Loss}: the loss of one example and its derivative, from the score before the link
 *       function.</li>
 *   <li>{@link dev.soma.plugins.PluginProvider} and its two service types; {@link dev.soma.plugins.BasicOptimizerProvider}
 *       and {@link dev.soma.plugins.BasicLossProvider} make a provider one constructor call.</li>
 *   <li>{@link dev.soma.plugins.PluginsApiVersion}: the API version a plugin jar records and Soma checks.</li>
 *   <li>{@link dev.soma.plugins.Option} and {@link dev.soma.plugins.Options}: declared options and the user's values.</li>
 * </ul>
 *
 * <p>The guide {@code docs/PLUGINS.md} in Soma's repository walks through a complete optimizer and loss; the test
 * kit ({@code dev.soma.testkit}, artifact {@code soma-plugin-testkit}) checks them.
 *
 * <p>This package depends on the JDK only.
 */
package dev.soma.plugins;
