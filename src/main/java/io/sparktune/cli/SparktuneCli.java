package io.sparktune.cli;

import io.sparktune.data.DataFiles;
import io.sparktune.input.UserInputException;
import io.sparktune.run.Interruption;
import io.sparktune.spark.SparkSessions;
import io.sparktune.trial.Dl4jRuntime;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code sparktune} command line: one command, a subcommand per task. */
@Command(name = "sparktune", mixinStandardHelpOptions = true, version = "sparktune 0.1.0",
        description = "Hyperparameter search for DL4J convolutional networks on Apache Spark.",
        subcommands = {SearchCommand.class, EvaluateCommand.class, QueryCommand.class, ReportCommand.class,
            HyperparametersCommand.class, SpecFieldsCommand.class, StatusCommand.class, SimulateCommand.class,
            CommandLine.HelpCommand.class})
public final class SparktuneCli implements Runnable {
    /** Bad input the user can fix: a spec, a data file, an output folder, a command-line value. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Stopped by Ctrl-C, as shells report it (SIGTERM exits 143, from the JVM itself). */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        // In cluster deploy mode on YARN the ApplicationMaster runs main in a thread of its own and reports
        // success when it returns; an exit, even with 0, fires its shutdown hook first, and YARN records a
        // failed attempt and runs the whole search again.
        if (code == 0 && "cluster".equals(System.getProperty("spark.submit.deployMode"))) {
            return;
        }
        System.exit(code);
    }

    /** Runs a command in this JVM and returns its exit code; tests call this. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Dl4jRuntime.configure();
        DataFiles.use(SparkSessions::hadoopConfiguration);
        CommandLine cli = new CommandLine(new SparktuneCli());
        // The commands' descriptions are written in lines of up to 110 characters; picocli's default of 80
        // would break each of them in two.
        cli.setUsageHelpWidth(120);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (Interruption.signalled()) {
                return EXIT_INTERRUPTED; // the JVM exits with 128 + the signal; the hook has said what was kept
            }
            UserInputException input = userInput(e);
            if (input != null) {
                commandLine.getErr().println("sparktune: error: " + input.getMessage());
                return EXIT_BAD_INPUT;
            }
            commandLine.getErr().println("sparktune: failed: " + e);
            e.printStackTrace(commandLine.getErr());
            return 1;
        });
        try {
            return cli.execute(args);
        } finally {
            // print() on an auto-flushing PrintWriter does not flush; main exits right after this.
            out.flush();
            err.flush();
        }
    }

    /** Bad input found inside a Spark task arrives wrapped in Spark's exceptions; it is still the user's to fix. */
    private static UserInputException userInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserInputException u) {
                return u;
            }
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
