package io.sparktune.data;

import java.util.List;

/**
 * What the driver found in the data before the search: the image shape, the classes, how many images the
 * search may use, which files could not be read (skipped, with the reason), and warnings about the files.
 */
public record DataSummary(String path, ImageShape shape, List<String> classes, int images, List<String> skipped,
                          List<String> warnings) {

    public static DataSummary of(String path, ImageSource source) {
        RawImages pool = source.trainingPool();
        return new DataSummary(path, pool.shape(), pool.classNames(), pool.size(), pool.skipped(), source.warnings());
    }
}
