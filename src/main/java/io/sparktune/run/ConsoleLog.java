package io.sparktune.run;

import io.sparktune.data.DataFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;

/**
 * The driver's console, also kept in {@code <output>/console.log}: in cluster deploy mode the driver runs on
 * a cluster host and its console reaches no terminal. The file is rewritten whole, in one step, at most
 * every few seconds while lines come and once more at the end; a resumed search adds to what the earlier
 * runs printed.
 */
final class ConsoleLog implements AutoCloseable {
    static final String FILE = "console.log";
    private static final long EVERY_MILLIS = 2_000;

    private final PrintWriter console;
    private final String path;
    private final StringBuilder text = new StringBuilder();
    private final PrintWriter writer;
    private long savedAt;
    private boolean failed;

    /** Starts the copy in {@code folder}, which this process has claimed; earlier runs' lines stay. */
    ConsoleLog(PrintWriter console, String folder) {
        this.console = console;
        this.path = new Path(folder, FILE).toString();
        if (DataFiles.exists(folder, FILE)) {
            text.append(new String(DataFiles.readAll(folder, FILE), StandardCharsets.UTF_8)).append('\n');
        }
        // Unbuffered: every character reaches the copy as it is printed, so saving needs no flush.
        this.writer = new PrintWriter(new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                console.write(chars, offset, length);
                synchronized (text) {
                    text.append(chars, offset, length);
                }
            }

            @Override
            public void flush() {
                console.flush();
                if (System.currentTimeMillis() - savedAt >= EVERY_MILLIS) {
                    save();
                }
            }

            @Override
            public void close() {
                console.flush();
            }
        }, true); // each line reaches the terminal as it is printed, as the console's own writer does
    }

    /** Where the command prints: the console, and the copy. */
    PrintWriter writer() {
        return writer;
    }

    /** Writes the copy now. A copy that cannot be written is said once on the console; the search goes on. */
    synchronized void save() {
        console.flush();
        String now;
        synchronized (text) {
            now = text.toString();
        }
        try {
            DataFiles.replace(path, out -> out.write(now.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            if (!failed) {
                failed = true;
                console.println("sparktune: warning: cannot keep the console in " + path + ": " + e.getMessage());
            }
        }
        savedAt = System.currentTimeMillis();
    }

    @Override
    public void close() {
        save();
    }
}
