package io.sparktune.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.data.DataFiles;
import io.sparktune.spec.SearchSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained HTML page about a search: the data as JSON and ECharts (from its WebJar) inlined,
 * so it opens offline from a laptop, a shared drive or a CI artifact. Its rows are the result tables'
 * ({@link ReportData}), so the page shows what {@code query} and {@code spark-sql} would.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    /** Learning curves are drawn for this many of the best trials, plus the baseline. */
    static final int CURVES = 3;
    /** Seconds between reloads of a report written while its search runs. */
    static final int RELOAD_SECONDS = 30;
    private static final Map<String, String> RESOURCES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Writes {@code <output>/report.html} of a search that has ended ({@link ReportData#finished}), with
     * the anytime curves of {@code compared} searches drawn beside this one's, and returns its path.
     */
    public String write(SearchSpec spec, ObjectNode data, String outputFolder, List<AnytimeCurve> compared) {
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
     * Writes the report of a search still running, from {@link ReportData#live}: it says what is running and
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
