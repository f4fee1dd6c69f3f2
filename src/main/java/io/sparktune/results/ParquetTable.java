package io.sparktune.results;

import io.sparktune.data.DataFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One result table as a Parquet file that the driver writes and reads itself, with parquet-hadoop rather
 * than through Spark's executors: the tables are small (a row per trial or epoch), and an output folder on
 * the driver's own disk must hold them whole even when the executors run on hosts that cannot see it.
 * Stock Spark SQL reads the files as it reads its own ({@code parquet.`out/quick/trials`}).
 */
final class ParquetTable {
    /** The one data file of a table folder; readers skip names that start with a dot, as Spark does. */
    static final String FILE = "part-00000.parquet";

    private ParquetTable() {
    }

    /**
     * Replaces the table in {@code folder} with {@code rows}: the new file is renamed over the old in one
     * step, then any other data file (left by an older sparktune that wrote through Spark) is removed.
     */
    static void write(String folder, StructType schema, List<Row> rows) {
        MessageType parquet = parquetSchema(schema);
        InMemoryFile file = new InMemoryFile();
        SimpleGroupFactory groups = new SimpleGroupFactory(parquet);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file).withType(parquet)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).withConf(DataFiles.configuration()).build()) {
            for (Row row : rows) {
                writer.write(group(groups.newGroup(), schema, row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the table " + folder, e);
        }
        try {
            DataFiles.replace(new Path(folder, FILE).toString(), out -> out.write(file.bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the table " + folder, e);
        }
        for (String name : DataFiles.list(folder)) {
            if (!name.equals(FILE)) {
                delete(new Path(folder, name));
            }
        }
    }

    /** The table's schema and rows, read on this JVM from every data file in {@code folder}. */
    static TableRows read(String folder) {
        StructType schema = null;
        List<Row> rows = new ArrayList<>();
        for (String name : DataFiles.list(folder)) {
            if (name.startsWith(".") || name.startsWith("_") || !name.endsWith(".parquet")) {
                continue;
            }
            Path path = new Path(folder, name);
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path,
                    DataFiles.configuration()))) {
                MessageType parquet = reader.getFooter().getFileMetaData().getSchema();
                schema = sparkSchema(parquet);
                for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                    RecordReader<Group> records = new ColumnIOFactory().getColumnIO(parquet)
                            .getRecordReader(pages, new GroupRecordConverter(parquet));
                    for (long i = 0; i < pages.getRowCount(); i++) {
                        rows.add(row(records.read(), parquet, schema));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the table file " + path, e);
            }
        }
        if (schema == null) {
            throw new IllegalStateException("the table " + folder + " has no data file");
        }
        return new TableRows(schema, rows);
    }

    private static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (StructField field : schema.fields()) {
            Type.Repetition repetition = field.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            DataType type = field.dataType();
            if (type.equals(DataTypes.IntegerType)) {
                message.addField(Types.primitive(PrimitiveTypeName.INT32, repetition).named(field.name()));
            } else if (type.equals(DataTypes.LongType)) {
                message.addField(Types.primitive(PrimitiveTypeName.INT64, repetition).named(field.name()));
            } else if (type.equals(DataTypes.DoubleType)) {
                message.addField(Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(field.name()));
            } else if (type.equals(DataTypes.BooleanType)) {
                message.addField(Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(field.name()));
            } else if (type.equals(DataTypes.StringType)) {
                message.addField(Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(field.name()));
            } else if (type.equals(DataTypes.TimestampType)) {
                message.addField(Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(field.name()));
            } else {
                throw new IllegalArgumentException("no Parquet mapping for column " + field.name() + " of " + type);
            }
        }
        return message.named("spark_schema");
    }

    private static Group group(Group group, StructType schema, Row row) {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            if (row.isNullAt(i)) {
                continue;
            }
            String name = fields[i].name();
            Object value = row.get(i);
            if (value instanceof Integer v) {
                group.append(name, v);
            } else if (value instanceof Long v) {
                group.append(name, v);
            } else if (value instanceof Double v) {
                group.append(name, v);
            } else if (value instanceof Boolean v) {
                group.append(name, v);
            } else if (value instanceof String v) {
                group.append(name, v);
            } else if (value instanceof Timestamp v) {
                group.append(name, v.getTime() * 1000 + (v.getNanos() / 1000) % 1000);
            } else {
                throw new IllegalArgumentException("column " + name + " holds a " + value.getClass());
            }
        }
        return group;
    }

    private static StructType sparkSchema(MessageType parquet) {
        List<StructField> fields = new ArrayList<>();
        for (Type field : parquet.getFields()) {
            fields.add(new StructField(field.getName(), sparkType(field.asPrimitiveType()), true, Metadata.empty()));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    private static DataType sparkType(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> DataTypes.IntegerType;
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                    ? DataTypes.TimestampType : DataTypes.LongType;
            case INT96 -> DataTypes.TimestampType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case BINARY -> DataTypes.StringType;
            default -> throw new IllegalArgumentException("column " + type.getName() + " is of a type no sparktune"
                    + " table has: " + type);
        };
    }

    private static Row row(Group group, MessageType parquet, StructType schema) {
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            if (group.getFieldRepetitionCount(i) == 0) {
                continue;
            }
            PrimitiveType type = parquet.getType(i).asPrimitiveType();
            values[i] = switch (type.getPrimitiveTypeName()) {
                case INT32 -> group.getInteger(i, 0);
                case INT64 -> schema.fields()[i].dataType().equals(DataTypes.TimestampType)
                        ? timestamp(group.getLong(i, 0), type) : (Object) group.getLong(i, 0);
                case INT96 -> int96(group.getInt96(i, 0).getBytes());
                case DOUBLE -> group.getDouble(i, 0);
                case BOOLEAN -> group.getBoolean(i, 0);
                default -> group.getString(i, 0);
            };
        }
        return RowFactory.create(values);
    }

    private static Timestamp timestamp(long value, PrimitiveType type) {
        var unit = ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) type.getLogicalTypeAnnotation()).getUnit();
        long micros = switch (unit) {
            case MILLIS -> value * 1000;
            case MICROS -> value;
            case NANOS -> value / 1000;
        };
        Timestamp t = new Timestamp(Math.floorDiv(micros, 1000));
        t.setNanos(Math.floorMod(micros, 1_000_000) * 1000);
        return t;
    }

    /** Spark's old default: nanoseconds of the day, then the Julian day, both little-endian. */
    private static Timestamp int96(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buffer.getLong();
        long epochDay = buffer.getInt() - 2_440_588L;
        long nanos = epochDay * 86_400_000_000_000L + nanosOfDay;
        Timestamp t = new Timestamp(Math.floorDiv(nanos, 1_000_000_000L) * 1000);
        t.setNanos((int) Math.floorMod(nanos, 1_000_000_000L));
        return t;
    }

    private static void delete(Path path) {
        try {
            DataFiles.fileSystem(path.toString()).delete(path, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path + " from the table's folder", e);
        }
    }

    /** Parquet written to memory, to be put in place whole by {@link DataFiles#replace}. */
    private static final class InMemoryFile implements OutputFile {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            bytes.reset();
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return bytes.size();
                }

                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes.write(b, off, len);
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
