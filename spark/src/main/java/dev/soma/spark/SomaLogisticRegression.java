package dev.soma.spark;

import dev.soma.engine.model.LogisticRegression;
import dev.soma.plugins.Options;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Soma's logistic regression as a Spark ML {@code Estimator}: it fits a {@link SomaLogisticRegressionModel} with
 * {@link SparkLogisticTrainer} (the engine's fused SIMD pass per partition, {@code treeAggregate}, the optimizer
 * plugin on the driver), works inside a {@code Pipeline}, and saves and loads with Spark ML's persistence.
 *
 * <p>Params: {@code featuresCol} ("features", a vector), {@code labelCol} ("label", 0 or 1),
 * {@code predictionCol} ("prediction"), {@code probabilityCol} ("probability", [P(0), P(1)]), {@code maxIter}
 * (100), {@code tol} (1e-6, on the gradient norm), {@code regParam} (0: the penalty's strength α, bias
 * unpenalised), {@code elasticNetParam} (0: the L1 share ρ of it — as MLlib's, {@code λ1 = α·ρ}, {@code λ2 = α·(1 − ρ)},
 * so 0 is pure L2),
 * {@code optimizer} ("lbfgs", "batch", a minibatch optimizer such as "minibatch" or "adam", or a third party's),
 * {@code optimizerOptions} ("": the plugin's defaults; "batchSize=64,learningRate=0.5"),
 * {@code seed} (0: the minibatch sampling),
 * {@code standardization} (true).
 */
public final class SomaLogisticRegression extends Estimator<SomaLogisticRegressionModel>
        implements DefaultParamsWritable {

    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final IntParam maxIter;
    private final DoubleParam tol;
    private final DoubleParam regParam;
    private final DoubleParam elasticNetParam;
    private final Param<String> optimizer;
    private final Param<String> optimizerOptions;
    private final LongParam seed;
    private final BooleanParam standardization;

    public SomaLogisticRegression() {
        this(Identifiable$.MODULE$.randomUID("somaLogReg"));
    }

    public SomaLogisticRegression(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "features column name (a vector)");
        labelCol = new Param<>(this, "labelCol", "label column name (0 or 1)");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column name");
        maxIter = new IntParam(this, "maxIter", "maximum number of iterations (>= 1)", ParamValidators.gtEq(1));
        tol = new DoubleParam(this, "tol", "stop when the gradient norm is at most this (>= 0)", ParamValidators.gtEq(0));
        regParam = new DoubleParam(this, "regParam", "regularisation strength α (>= 0), bias unpenalised",
                ParamValidators.gtEq(0));
        elasticNetParam = new DoubleParam(this, "elasticNetParam",
                "the L1 share ρ of the penalty in [0, 1]: λ1 = α·ρ, λ2 = α·(1 − ρ) (0: pure L2)",
                ParamValidators.inRange(0, 1));
        optimizer = new Param<>(this, "optimizer", "a Soma optimizer plugin: lbfgs, batch, minibatch, adam, ...");
        optimizerOptions = new Param<>(this, "optimizerOptions",
                "the optimizer's options as key=value pairs separated by commas, e.g. batchSize=64,learningRate=0.5");
        seed = new LongParam(this, "seed", "the seed of minibatch sampling");
        standardization = new BooleanParam(this, "standardization", "standardise features before training");
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(maxIter, 100);
        setDefault(tol, 1e-6);
        setDefault(regParam, 0.0);
        setDefault(elasticNetParam, 0.0);
        setDefault(optimizer, "lbfgs");
        setDefault(optimizerOptions, "");
        setDefault(seed, 0L);
        setDefault(standardization, true);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public IntParam maxIter() {
        return maxIter;
    }

    public DoubleParam tol() {
        return tol;
    }

    public DoubleParam regParam() {
        return regParam;
    }

    public DoubleParam elasticNetParam() {
        return elasticNetParam;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public Param<String> optimizerOptions() {
        return optimizerOptions;
    }

    public LongParam seed() {
        return seed;
    }

    public BooleanParam standardization() {
        return standardization;
    }

    public SomaLogisticRegression setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    public SomaLogisticRegression setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    public SomaLogisticRegression setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public SomaLogisticRegression setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public SomaLogisticRegression setMaxIter(int value) {
        set(maxIter, value);
        return this;
    }

    public SomaLogisticRegression setTol(double value) {
        set(tol, value);
        return this;
    }

    public SomaLogisticRegression setRegParam(double value) {
        set(regParam, value);
        return this;
    }

    public SomaLogisticRegression setElasticNetParam(double value) {
        set(elasticNetParam, value);
        return this;
    }

    public SomaLogisticRegression setOptimizer(String value) {
        set(optimizer, value);
        return this;
    }

    public SomaLogisticRegression setOptimizerOptions(String value) {
        set(optimizerOptions, value);
        return this;
    }

    public SomaLogisticRegression setSeed(long value) {
        set(seed, value);
        return this;
    }

    public SomaLogisticRegression setStandardization(boolean value) {
        set(standardization, value);
        return this;
    }

    @Override
    public SomaLogisticRegressionModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        LogisticRegression model = new SparkLogisticTrainer()
                .optimizer(getOrDefault(optimizer), parseOptions(getOrDefault(optimizerOptions)))
                .elasticNet(number(regParam).doubleValue(), number(elasticNetParam).doubleValue())
                .maxIterations(number(maxIter).intValue())
                .gradientTolerance(number(tol).doubleValue())
                .costTolerance(0, 1) // tol, on the gradient, is this estimator's stopping rule
                .standardize((Boolean) getOrDefault(standardization))
                .seed(number(seed).longValue())
                .fit(dataset.toDF(), getOrDefault(featuresCol), getOrDefault(labelCol));
        SomaLogisticRegressionModel fitted = new SomaLogisticRegressionModel(uid, model);
        copyValues(fitted, ParamMap.empty());
        fitted.setParent(this);
        return fitted;
    }

    /** {@code "a=1,b=2"} as plugin options (the plugin parses and checks each value, as for the command line). */
    static Options parseOptions(String text) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("optimizerOptions: '" + entry.strip()
                        + "' is not key=value (write them as batchSize=64,learningRate=0.5)");
            }
            values.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
        }
        return Options.of(values);
    }

    /** Scala's numeric params are {@code Param<Object>} from Java. */
    private Number number(Param<Object> param) {
        return (Number) getOrDefault(param);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Schemas.requireVector(schema, getOrDefault(featuresCol));
        Schemas.requireNumeric(schema, getOrDefault(labelCol));
        return Schemas.withOutputs(schema, getOrDefault(probabilityCol), getOrDefault(predictionCol));
    }

    @Override
    public SomaLogisticRegression copy(ParamMap extra) {
        return (SomaLogisticRegression) defaultCopy(extra);
    }

    public static MLReader<SomaLogisticRegression> read() {
        return new DefaultParamsReader<>();
    }

    public static SomaLogisticRegression load(String path) {
        return read().load(path);
    }
}
