package io.sparktune.data;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Images listed in a CSV file: a header row naming the columns {@code path} and {@code label}, optionally
 * {@code split} ({@code train}, {@code val} or {@code test}); other columns are ignored. A path is relative to
 * the manifest's folder, or absolute, or a URI ({@code hdfs://}, {@code s3a://}). The classes are the training
 * rows' labels in name order. Without a split column a seeded, stratified {@code test_fraction} of each class
 * is held out for testing; with one, the user's split is kept as given (no {@code val} rows: the search draws
 * its validation images from the training rows; no {@code test} rows: there is no test set).
 */
public final class ImageManifestReader implements ImageSource {
    private enum Part { TRAIN, VAL, TEST }

    private record Row(int line, Path path, String label, Part part) {
    }

    private final String manifest;
    private final ImageScaler scaler;
    private final double testFraction;
    private final long seed;
    private List<Row> rows;

    public ImageManifestReader(DataSpec spec, long seed) {
        this.manifest = spec.path();
        this.scaler = new ImageScaler(spec.imageSide(), spec.colorMode(), spec.resizeMode());
        this.testFraction = spec.heldOutTestFraction();
        this.seed = seed;
    }

    @Override
    public RawImages trainingPool() {
        List<Row> rows = rows();
        List<String> classes = classes(rows);
        List<ImageFiles.Labeled> files = labeled(rows.stream().filter(row -> row.part() != Part.TEST).toList(),
                classes);
        RawImages pool = ImageFiles.decode(files, classes, scaler, "manifest " + manifest);
        boolean givenValidation = pool.givenValidation() != null;
        ImageFiles.requireEachClass(pool, givenValidation ? 1 : 2, "manifest " + manifest, givenValidation
                ? "to train on" : "so that training and validation both have one");
        return pool;
    }

    @Override
    public boolean hasTestSet() {
        return rows().stream().anyMatch(row -> row.part() == Part.TEST);
    }

    @Override
    public RawImages testSet() {
        List<Row> rows = rows();
        List<String> classes = classes(rows);
        List<ImageFiles.Labeled> files = labeled(rows.stream().filter(row -> row.part() == Part.TEST).toList(),
                classes);
        return ImageFiles.decode(files, classes, scaler, "manifest " + manifest + "'s test rows");
    }

    /** The rows' files with their size and time, listed side by side (one request each on an object store). */
    private static List<ImageFiles.Labeled> labeled(List<Row> rows, List<String> classes) {
        return rows.parallelStream().map(row -> {
            long bytes = -1;
            long modified = -1;
            try {
                FileStatus status = DataFiles.fileSystem(row.path().toString()).getFileStatus(row.path());
                bytes = status.getLen();
                modified = status.getModificationTime();
            } catch (IOException e) {
                // Missing or unreadable: decoding skips it and says why.
            }
            return new ImageFiles.Labeled(row.path(), classes.indexOf(row.label()), row.part() == Part.VAL, bytes,
                    modified);
        }).toList();
    }

    /**
     * The manifest's rows, each with its part: the user's, or for a manifest without splits the seeded one. Read
     * once per reader, though the pool, the test set and whether there is one each ask.
     */
    private synchronized List<Row> rows() {
        if (rows == null) {
            rows = split(parse());
        }
        return rows;
    }

    private List<Row> split(List<Row> rows) {
        if (rows.stream().anyMatch(row -> row.part() != null)) {
            return rows;
        }
        List<String> classes = classes(rows);
        int[] labels = rows.stream().mapToInt(row -> classes.indexOf(row.label())).toArray();
        ImageFiles.requireEachClass(labels, classes, 3, "manifest " + manifest, "row",
                "to be split into training, validation and test images");
        boolean[] test = new boolean[rows.size()];
        for (int row : StratifiedSplit.of(labels, classes.size(), testFraction, null, seed).validation()) {
            test[row] = true;
        }
        List<Row> split = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            split.add(new Row(row.line(), row.path(), row.label(), test[i] ? Part.TEST : Part.TRAIN));
        }
        return split;
    }

    /** The training and validation rows' labels in name order; a test row's label must be one of them. */
    private List<String> classes(List<Row> rows) {
        TreeSet<String> names = new TreeSet<>();
        rows.stream().filter(row -> row.part() != Part.TEST).forEach(row -> names.add(row.label()));
        for (Row row : rows) {
            if (!names.contains(row.label())) {
                throw new DataException("manifest " + manifest + " line " + row.line() + ": label '" + row.label()
                        + "' is not among the training rows' labels (" + String.join(", ", names) + ")");
            }
        }
        if (names.size() < 2) {
            throw new DataException("manifest " + manifest + " has " + (names.isEmpty() ? "no training rows"
                    : "only one class (" + names.first() + ")") + "; a classifier needs at least two");
        }
        return List.copyOf(names);
    }

    private List<Row> parse() {
        Path file = new Path(manifest);
        String text = new String(DataFiles.readAll(file.getParent().toString(), file.getName()),
                StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        List<Row> rows = new ArrayList<>();
        Map<Path, Integer> seen = new HashMap<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text.replace("\uFEFF", "")))
                .setFormat(format).get()) {
            Map<String, String> columns = new HashMap<>();
            parser.getHeaderNames().forEach(name -> columns.put(name.toLowerCase(Locale.ROOT), name));
            for (String needed : List.of("path", "label")) {
                if (!columns.containsKey(needed)) {
                    throw new DataException("manifest " + manifest + " has no '" + needed + "' column; its first"
                            + " line must name the columns, e.g. path,label or path,label,split (it names: "
                            + String.join(", ", parser.getHeaderNames()) + ")");
                }
            }
            for (CSVRecord record : parser) {
                int line = (int) record.getParser().getCurrentLineNumber();
                String path = value(record, columns.get("path"), line);
                String label = value(record, columns.get("label"), line);
                Part part = columns.containsKey("split") ? part(value(record, columns.get("split"), line), line)
                        : null;
                Path resolved = new Path(file.getParent(), path);
                Integer earlier = seen.putIfAbsent(resolved, line);
                if (earlier != null) {
                    throw new DataException("manifest " + manifest + " line " + line + " repeats the path " + path
                            + " of line " + earlier + "; an image listed twice would count twice, or be tested on"
                            + " after training on it");
                }
                rows.add(new Row(line, resolved, label, part));
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new DataException("manifest " + manifest + " is not a readable CSV file: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataException("manifest " + manifest + " lists no images");
        }
        return rows;
    }

    private String value(CSVRecord record, String column, int line) {
        String value = record.isSet(column) ? record.get(column).strip() : "";
        if (value.isEmpty()) {
            throw new DataException("manifest " + manifest + " line " + line + " has no " + column);
        }
        return value;
    }

    private Part part(String value, int line) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "train" -> Part.TRAIN;
            case "val", "validation" -> Part.VAL;
            case "test" -> Part.TEST;
            default -> throw new DataException("manifest " + manifest + " line " + line + ": split '" + value
                    + "' is not train, val or test");
        };
    }
}
