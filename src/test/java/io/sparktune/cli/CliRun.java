package io.sparktune.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the sparktune command line, with what it printed. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparktuneCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The rows of a query's table, each as its cells (the header and its rule left out). */
    public java.util.List<java.util.List<String>> rows() {
        return out.lines().skip(2).filter(l -> !l.isBlank()).map(l -> java.util.List.of(l.strip().split("\\s+")))
                .toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
