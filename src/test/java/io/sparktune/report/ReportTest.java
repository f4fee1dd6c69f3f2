package io.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparktune.RequiredData;
import io.sparktune.cli.CliRun;
import io.sparktune.trial.Numbers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a real search, opened in a real headless browser with the network off. */
class ReportTest {
    @TempDir
    Path scratch;

    @Test
    void theSearchPrintsALinePerTrialAndASummaryAndWritesTheReport() {
        CliRun run = SearchedFolder.run();
        String out = run.out();
        assertTrue(Pattern.compile("sparktune: cost: 4 trials, about 12 epochs of 640 training images: about"
                + " [0-9.]+ core-hours, \\S+ on 2 slots of 1 core \\(at [0-9.]+ GFLOP/s per core, ").matcher(out)
                .find(), "what the search will cost, before it starts: " + out);
        for (int i = 1; i <= 4; i++) {
            assertTrue(out.contains("[" + i + "/4] trial "), out);
        }
        Matcher line = Pattern.compile("\\[4/4] trial \\d+ lr=[0-9.]+ activation=(relu|tanh)  val_acc=0\\.\\d{3}"
                + "  best=0\\.\\d{3}  \\d+s").matcher(out);
        assertTrue(line.find(), out);
        assertTrue(out.contains("ETA "), "lines before the last say how long the rest will take: " + out);
        assertTrue(Pattern.compile("sparktune: 4 trials \\(4 ok\\), 12 epochs trained, \\d+s; best val_acc 0\\.\\d{3}"
                + " \\(trial \\d\\)").matcher(out).find(), "the summary line: " + out);
        assertTrue(out.contains("Report: "), out);
        assertTrue(Files.isRegularFile(SearchedFolder.output().resolve("report.html")));
    }

    @Test
    void everyChartRendersWithDataInHeadlessChromiumAndThePageLogsNoError() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find();
        RequiredData.need(chromium != null, "chromium (.ci/run installs it)");
        Path report = SearchedFolder.output().resolve("report.html");
        HeadlessChromium.Page page = chromium.open(report, scratch);

        JsonNode charts = attribute(page.dom(), "data-charts");
        List<String> expected = new ArrayList<>(List.of("history", "param-learning_rate", "param-activation",
                "parallel", "importance", "final", "confusion", "class-recall"));
        charts.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("curve-")) {
                expected.add(name);
            }
        });
        assertTrue(expected.stream().filter(n -> n.startsWith("curve-")).count() >= 3,
                "learning curves of the top 3 trials (the baseline among them here): " + charts);
        for (String name : expected) {
            assertTrue(charts.path(name).asInt() > 0, "chart " + name + " drew data points: " + charts);
            int shapes = svgShapes(page.dom(), name);
            assertTrue(shapes >= charts.path(name).asInt(), "chart " + name + " rendered " + shapes
                    + " SVG shapes for " + charts.path(name).asInt() + " points");
        }
        assertEquals(8, charts.path("history").asInt(), "4 trials and the best-so-far line through them: " + charts);
        assertEquals("[]", attribute(page.dom(), "data-errors").toString(), "errors the page caught");
        assertFalse(page.log().contains("CONSOLE"), "the browser logged console messages: " + page.log());
        assertTrue(page.dom().contains("id=\"ranking-table\""), "the ranking table is on the page");
        assertEquals(5, Pattern.compile("<tr[ >]").matcher(table(page.dom())).results().count(),
                "a header and one row per trial");
        // Drawn learning rates read as the console prints them, the exact value on hovering.
        Matcher drawn = Pattern.compile("<td class=\"text\" title=\"([0-9.eE-]+)\">([0-9.eE-]+)</td>")
                .matcher(table(page.dom()));
        int rounded = 0;
        while (drawn.find()) {
            double exact = Double.parseDouble(drawn.group(1));
            String shown = drawn.group(2);
            assertEquals(Numbers.setting(exact), shown, "a drawn learning rate shown to 3 significant digits");
            assertTrue(SearchedFolder.run().out().contains("lr=" + shown + " "),
                    "the console named the trial by the same value " + shown + ":\n" + SearchedFolder.run().out());
            rounded++;
        }
        assertTrue(rounded >= 3, "the 3 drawn learning rates are rounded, their exact values kept: " + table(page.dom()));
    }

    @Test
    void theReportOpensOfflineWithNothingFetched() throws Exception {
        String html = Files.readString(SearchedFolder.output().resolve("report.html"));
        assertFalse(Pattern.compile("<script[^>]+src=", Pattern.CASE_INSENSITIVE).matcher(html).find());
        assertFalse(Pattern.compile("<link[^>]+href=", Pattern.CASE_INSENSITIVE).matcher(html).find());
        assertFalse(html.contains("@import"));
        assertTrue(html.contains("Apache ECharts"), "echarts is inlined");
    }

    @Test
    void theReportCommandRewritesItAndRefusesAFolderWithoutASearch() throws Exception {
        Path report = SearchedFolder.output().resolve("report.html");
        String written = Files.readString(report);
        Files.writeString(report, "a stale page");
        CliRun again = CliRun.of("report", "-o", SearchedFolder.output().toString());
        assertEquals(0, again.exitCode(), again.toString());
        String rewritten = Files.readString(report);
        assertTrue(rewritten.startsWith("<!DOCTYPE html>") && rewritten.length() > written.length() / 2,
                "rewritten whole: " + rewritten.substring(0, Math.min(80, rewritten.length())));
        CliRun empty = CliRun.of("report", "-o", scratch.toString());
        assertEquals(2, empty.exitCode(), empty.toString());
        assertTrue(empty.err().contains("holds no search"), empty.err());
        assertFalse(Files.exists(scratch.resolve("report.html")));
    }

    private static JsonNode attribute(String dom, String name) throws Exception {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        assertTrue(m.find(), name + " is set on the page");
        return new ObjectMapper().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
    }

    /** SVG path, circle and rect elements inside one chart's container. */
    private static int svgShapes(String dom, String chart) {
        int start = dom.indexOf("id=\"chart-" + chart + "\"");
        assertTrue(start >= 0, "chart " + chart + " has a container");
        int end = dom.indexOf("id=\"chart-", start + 10);
        String part = dom.substring(start, end < 0 ? dom.length() : end);
        assertTrue(part.contains("<svg"), "chart " + chart + " rendered as SVG");
        return (int) Pattern.compile("<(path|circle|rect)[ >]").matcher(part).results().count();
    }

    private static String table(String dom) {
        int start = dom.indexOf("id=\"ranking-table\"");
        return dom.substring(start, dom.indexOf("</table>", start));
    }

    /** report --compare: several searches' best-so-far against core-seconds on one chart, in a real browser. */
    @Test
    void theReportComparesTheAnytimeCurvesOfSeveralSearches() throws Exception {
        Path output = SearchedFolder.output();
        Path other = scratch.resolve("other");
        try (var files = Files.walk(output)) {
            for (Path from : files.toList()) {
                Path to = other.resolve(output.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        CliRun compared = CliRun.of("report", "-o", other.toString(), "--compare", output.toString());
        assertEquals(0, compared.exitCode(), compared.toString());
        HeadlessChromium chromium = HeadlessChromium.find();
        RequiredData.need(chromium != null, "chromium (.ci/run installs it)");
        HeadlessChromium.Page page = chromium.open(other.resolve("report.html"),
                Files.createDirectories(scratch.resolve("profile")));
        JsonNode charts = attribute(page.dom(), "data-charts");
        assertEquals(8, charts.path("compare").asInt(), "4 trials' best-so-far for each of the 2 searches: " + charts);
        assertTrue(page.dom().contains("Searches compared"), "the section is on the page");
        assertEquals("[]", attribute(page.dom(), "data-errors").toString(), "errors the page caught");
        CliRun missing = CliRun.of("report", "-o", other.toString(), "--compare", scratch.resolve("none").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("holds no search"), missing.err());
    }
}
