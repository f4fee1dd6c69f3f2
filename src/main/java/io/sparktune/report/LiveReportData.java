package io.sparktune.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.model.Hyperparameter;
import io.sparktune.results.SearchStatus;
import io.sparktune.results.TableSchemas;
import io.sparktune.results.WarmStart;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecJson;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * The report's data while a search runs, from the results the driver holds, without Spark: a Spark job
 * would wait for a core the trials are using. The rows are the {@code trials} table's, built by the same
 * code the table is written with, so the page reads them as it reads the finished report's; the parts that
 * need the whole search (the final check, hyperparameter importance) come with the finished report.
 */
public final class LiveReportData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveReportData() {
    }

    /** {@code earlier}: the searches whose trials informed TPE (search.warm_start), as the job loaded them. */
    public static ObjectNode of(SearchSpec spec, List<TrialResult> results, OptionalInt baselineId,
                                SearchStatus status, List<WarmStart.Earlier> earlier) {
        ObjectNode data = JSON.createObjectNode();
        data.put("name", spec.name());
        data.put("strategy", spec.strategyLabel());
        data.put("threads_per_trial", spec.execution().threadsPerTrial());
        data.put("generated", Instant.now().toString());
        ArrayNode params = data.putArray("params");
        for (Hyperparameter<?> h : spec.space().parameters()) {
            params.addObject().put("name", h.specName()).put("kind", h.kind().name().toLowerCase(Locale.ROOT));
        }
        Objective objective = spec.objective();
        data.set("objective", HtmlReport.objective(objective));
        data.set("earlier", HtmlReport.earlier(earlier, objective));
        List<TrialResult> ranked = results.stream().sorted(objective.order()).toList();
        ArrayNode trials = data.putArray("trials");
        ranked.forEach(r -> trials.add(row(TableSchemas.trialRow(r, baselineId, objective))));
        ArrayNode curves = data.putArray("curves");
        for (int i = 0; i < ranked.size(); i++) {
            TrialResult r = ranked.get(i);
            boolean baseline = baselineId.isPresent() && baselineId.getAsInt() == r.trialId();
            if (i < HtmlReport.CURVES || baseline) {
                ObjectNode curve = curves.addObject().put("trial_id", r.trialId());
                ArrayNode epochs = curve.putArray("epochs");
                for (EpochResult e : r.epochs()) {
                    ObjectNode point = epochs.addObject().put("epoch", e.epoch());
                    number(point, "train_loss", e.trainLoss());
                    number(point, "val_loss", e.valLoss());
                    number(point, "val_accuracy", e.valAccuracy());
                }
            }
        }
        // As status.json has it (snake_case), which the page reads.
        data.set("live", SpecJson.mapper().valueToTree(status));
        return data;
    }

    /** A row as Spark's toJSON writes it: a field per column, nulls and non-finite numbers left out. */
    private static ObjectNode row(Row row) {
        ObjectNode node = JSON.createObjectNode();
        StructField[] fields = TableSchemas.TRIALS.fields();
        for (int i = 0; i < fields.length; i++) {
            Object value = row.get(i);
            if (value instanceof java.sql.Timestamp t) {
                node.put(fields[i].name(), t.toInstant().toString());
            } else if (value instanceof Double d) {
                number(node, fields[i].name(), d);
            } else if (value != null) {
                JsonNode v = JSON.valueToTree(value);
                node.set(fields[i].name(), v);
            }
        }
        return node;
    }

    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        }
    }
}
