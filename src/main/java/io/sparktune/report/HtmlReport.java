package io.sparktune.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.data.DataFiles;
import io.sparktune.model.Hyperparameter;
import io.sparktune.results.WarmStart;
import io.sparktune.spec.SearchSpec;
import io.sparktune.trial.Objective;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * One self-contained HTML page about a search: the data as JSON and ECharts (from its WebJar) inlined,
 * so it opens offline from a laptop, a shared drive or a CI artifact. The numbers come from the result
 * tables through Spark SQL, so the page shows what {@code query} and {@code spark-sql} would.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    /** Learning curves are drawn for this many of the best trials, plus the baseline. */
    static final int CURVES = 3;
    /** Seconds between reloads of a report written while its search runs. */
    static final int RELOAD_SECONDS = 30;
    private static final Map<String, String> RESOURCES = new java.util.concurrent.ConcurrentHashMap<>();

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Writes {@code <output>/report.html} from the views registered on {@code spark} (see
     * ResultTables.registerViews; {@code tables} says which exist) and returns its path.
     */
    public String write(SparkSession spark, SearchSpec spec, List<String> tables, String outputFolder) {
        return write(spark, spec, tables, outputFolder, List.of());
    }

    /** The report, with the anytime curves of {@code compared} searches drawn beside this one's. */
    public String write(SparkSession spark, SearchSpec spec, List<String> tables, String outputFolder,
                        List<AnytimeCurve> compared) {
        ObjectNode data = data(spark, spec, tables);
        if (!compared.isEmpty()) {
            ArrayNode curves = data.putArray("compare");
            for (AnytimeCurve c : compared) {
                ObjectNode node = curves.addObject().put("name", c.name()).put("folder", c.folder());
                ArrayNode points = node.putArray("points");
                c.points().forEach(p -> points.addArray().add(p[0]).add(p[1]));
            }
        }
        return write(spec, data, false, outputFolder);
    }

    /**
     * Writes the report of a search still running, from {@link LiveReportData}: it says what is running and
     * reloads itself every {@link #RELOAD_SECONDS} seconds while {@code running}, and stays put once not.
     */
    public String writeLive(SearchSpec spec, ObjectNode data, boolean running, String outputFolder) {
        return write(spec, data, running, outputFolder);
    }

    private String write(SearchSpec spec, ObjectNode data, boolean reload, String outputFolder) {
        String page = fill(template("report.html"), Map.of(
                "TITLE", escape("sparktune: " + spec.name()),
                "RELOAD", reload ? "<meta http-equiv=\"refresh\" content=\"" + RELOAD_SECONDS + "\">" : "",
                "STYLE", template("report.css"),
                "ECHARTS", resource(ECHARTS),
                "REPORT", template("report.js"),
                "DATA", safeInScript(data.toString())));
        String path = DataFiles.qualify(outputFolder) + "/" + FILE;
        try {
            DataFiles.replace(path, out -> out.write(page.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        return path;
    }

    ObjectNode data(SparkSession spark, SearchSpec spec, List<String> tables) {
        List<Hyperparameter<?>> searched = spec.space().parameters();
        ObjectNode data = json.createObjectNode();
        data.put("name", spec.name());
        data.put("strategy", spec.strategyLabel());
        data.put("threads_per_trial", spec.execution().threadsPerTrial());
        data.put("generated", Instant.now().toString());
        ArrayNode params = data.putArray("params");
        for (Hyperparameter<?> h : searched) {
            params.addObject().put("name", h.specName()).put("kind", h.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        Objective objective = spec.objective();
        data.set("objective", objective(objective));
        data.set("earlier", earlier(spec.warmStart().isEmpty() ? List.of() : WarmStart.load(spec), objective));
        data.set("trials", rows(spark, "SELECT * FROM trials ORDER BY " + objective.sqlOrder()));
        // The epochs of the top trials by validation accuracy and of the baseline; the rest of each is in trials.
        data.set("curves", rows(spark, """
                SELECT e.trial_id, collect_list(struct(e.epoch, e.train_loss, e.val_loss, e.val_accuracy)) AS epochs
                FROM epochs e JOIN trials t ON e.trial_id = t.trial_id
                WHERE t.is_baseline OR t.trial_id IN (
                    SELECT trial_id FROM trials ORDER BY %s LIMIT %d)
                GROUP BY e.trial_id, t.best_objective
                ORDER BY t.best_objective %s NULLS LAST, e.trial_id""".formatted(objective.sqlOrder(), CURVES,
                objective.minimise() ? "ASC" : "DESC")));
        if (tables.contains("final")) {
            data.set("final", rows(spark, "SELECT * FROM final ORDER BY role DESC"));
            data.set("confusion", rows(spark, "SELECT actual, predicted, count FROM final_confusion WHERE role = 'best'"));
        }
        ArrayNode importance = data.putArray("importance");
        for (HyperparameterImportance.Share s : HyperparameterImportance.of(spark, searched)) {
            importance.addObject().put("parameter", s.parameter()).put("share", s.share())
                    .put("groups", s.groups()).put("trials", s.trials());
        }
        return data;
    }

    /**
     * The earlier searches whose trials informed TPE (search.warm_start): their folders, how many trials and
     * their best, shown apart from this search's own trials.
     */
    static ArrayNode earlier(List<WarmStart.Earlier> searches, Objective objective) {
        ArrayNode earlier = new ObjectMapper().createArrayNode();
        for (WarmStart.Earlier e : searches) {
            ObjectNode node = earlier.addObject().put("folder", e.folder()).put("trials", e.trials().size());
            objective.best(e.trials()).ifPresent(b -> node.put("best_trial_id", b.trialId())
                    .put("best_objective", objective.value(b)));
        }
        return earlier;
    }

    /** What the page ranks by: the objective's name, label and direction. */
    static ObjectNode objective(Objective objective) {
        return new ObjectMapper().createObjectNode().put("name", objective.specName()).put("label", objective.label())
                .put("minimise", objective.minimise());
    }

    private ArrayNode rows(SparkSession spark, String sql) {
        ArrayNode rows = json.createArrayNode();
        try {
            for (String row : spark.sql(sql).toJSON().collectAsList()) {
                rows.add(json.readTree(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Nothing in the data can end the script element it sits in. */
    static String safeInScript(String text) {
        return text.replace("</", "<\\/").replace("<!--", "<\\!--");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String template(String name) {
        return resource("io/sparktune/report/" + name);
    }

    /** Read once per JVM: the live report is rewritten on every trial start and end, ECharts and all. */
    private static String resource(String name) {
        return RESOURCES.computeIfAbsent(name, HtmlReport::read);
    }

    private static String read(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /** Each /*NAME*&#47; in the template replaced once; what is put in is not searched again. */
    static String fill(String template, Map<String, String> parts) {
        Matcher m = Pattern.compile("/\\*([A-Z]+)\\*/").matcher(template);
        StringBuilder page = new StringBuilder();
        while (m.find()) {
            String part = parts.get(m.group(1));
            m.appendReplacement(page, Matcher.quoteReplacement(part == null ? m.group() : part));
        }
        return m.appendTail(page).toString();
    }
}
