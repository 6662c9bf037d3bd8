package dev.soma.spark;

import dev.soma.engine.model.LogisticRegression;
import dev.soma.engine.io.ModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained Soma logistic regression as a Spark ML {@code Model}: adds {@code probability} ([P(0), P(1)]) and
 * {@code prediction} (1 when P(1) ≥ 0.5) columns. It holds the engine's model, so {@link #somaModel()} predicts,
 * evaluates and saves ({@code ModelFile}) as any Soma model; Spark ML persistence stores that same model file.
 */
public final class SomaLogisticRegressionModel extends Model<SomaLogisticRegressionModel> implements MLWritable {

    private final String uid;
    private final LogisticRegression model;
    private final Param<String> featuresCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;

    SomaLogisticRegressionModel(String uid, LogisticRegression model) {
        this.uid = uid;
        this.model = model;
        featuresCol = new Param<>(this, "featuresCol", "features column name (a vector)");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column name");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The engine's model: the same weights, for prediction outside Spark or saving with {@code ModelFile}. */
    public LogisticRegression somaModel() {
        return model;
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public SomaLogisticRegressionModel setFeaturesCol(String value) {
        set(featuresCol, value);
        return this;
    }

    public SomaLogisticRegressionModel setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public SomaLogisticRegressionModel setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        // Plain arrays in the functions, so that executors need nothing but these floats.
        float[] w = model.weights();
        float b = model.bias();
        UDF1<Vector, Vector> probability = v -> {
            double p = 1 / (1 + Math.exp(-score(w, b, v)));
            return Vectors.dense(1 - p, p);
        };
        UDF1<Vector, Double> prediction = v -> score(w, b, v) >= 0 ? 1.0 : 0.0;
        UserDefinedFunction probabilityOf = functions.udf(probability, SQLDataTypes.VectorType());
        UserDefinedFunction predictionOf = functions.udf(prediction, DataTypes.DoubleType);
        String features = getOrDefault(featuresCol);
        return dataset.toDF()
                .withColumn(getOrDefault(probabilityCol), probabilityOf.apply(functions.col(features)))
                .withColumn(getOrDefault(predictionCol), predictionOf.apply(functions.col(features)));
    }

    private static double score(float[] w, float b, Vector v) {
        if (v.size() != w.length) {
            throw new IllegalArgumentException("a features vector has " + v.size() + " values, but the model was"
                    + " trained on " + w.length);
        }
        double z = b;
        if (v instanceof SparseVector s) {
            int[] indices = s.indices();
            double[] values = s.values();
            for (int k = 0; k < indices.length; k++) {
                z += w[indices[k]] * values[k];
            }
            return z;
        }
        for (int j = 0; j < w.length; j++) {
            z += w[j] * v.apply(j);
        }
        return z;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Schemas.requireVector(schema, getOrDefault(featuresCol));
        return Schemas.withOutputs(schema, getOrDefault(probabilityCol), getOrDefault(predictionCol));
    }

    @Override
    public SomaLogisticRegressionModel copy(ParamMap extra) {
        SomaLogisticRegressionModel copy = new SomaLogisticRegressionModel(uid, model);
        copyValues(copy, extra);
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<SomaLogisticRegressionModel> read() {
        return new Reader();
    }

    public static SomaLogisticRegressionModel load(String path) {
        return read().load(path);
    }

    /** Spark ML's metadata (class, uid, params) beside the engine's model file, {@code model.json}. */
    private static final class Writer extends MLWriter {
        private final SomaLogisticRegressionModel instance;

        Writer(SomaLogisticRegressionModel instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path, "model.json");
            try {
                FileSystem fs = target.getFileSystem(sc().hadoopConfiguration());
                try (OutputStream out = fs.create(target, true)) {
                    ModelFile.save(instance.model, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not save the Soma model to " + path, e);
            }
        }
    }

    private static final class Reader extends MLReader<SomaLogisticRegressionModel> {
        @Override
        public SomaLogisticRegressionModel load(String path) {
            var metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    SomaLogisticRegressionModel.class.getName());
            org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path, "model.json");
            try {
                FileSystem fs = source.getFileSystem(sc().hadoopConfiguration());
                LogisticRegression model;
                try (InputStream in = fs.open(source)) {
                    model = ModelFile.load(in, LogisticRegression.class);
                }
                SomaLogisticRegressionModel loaded = new SomaLogisticRegressionModel(metadata.uid(), model);
                metadata.getAndSetParams(loaded, scala.Option.empty());
                return loaded;
            } catch (IOException e) {
                throw new UncheckedIOException("could not load a Soma model from " + path, e);
            }
        }
    }
}
