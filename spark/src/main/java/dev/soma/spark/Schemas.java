package dev.soma.spark;

import java.util.Arrays;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schema checks shared by the estimator and the model: clear errors before any job runs. */
final class Schemas {

    private Schemas() {
    }

    static void requireVector(StructType schema, String column) {
        StructField field = field(schema, column);
        if (!field.dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("column '" + column + "' must be a vector (for example from a"
                    + " VectorAssembler), but is " + field.dataType().simpleString());
        }
    }

    static void requireNumeric(StructType schema, String column) {
        StructField field = field(schema, column);
        if (!(field.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("column '" + column + "' must be numeric (0 or 1), but is "
                    + field.dataType().simpleString());
        }
    }

    static StructType withOutputs(StructType schema, String probabilityCol, String predictionCol) {
        for (String column : new String[] {probabilityCol, predictionCol}) {
            if (Arrays.asList(schema.fieldNames()).contains(column)) {
                throw new IllegalArgumentException("output column '" + column + "' already exists");
            }
        }
        return schema.add(probabilityCol, SQLDataTypes.VectorType(), false)
                .add(predictionCol, DataTypes.DoubleType, false);
    }

    private static StructField field(StructType schema, String column) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("there is no column '" + column + "'; the columns are "
                    + Arrays.asList(schema.fieldNames()));
        }
        return schema.apply(column);
    }
}
