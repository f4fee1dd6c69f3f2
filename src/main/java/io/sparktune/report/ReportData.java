package io.sparktune.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.confirm.Confirmations;
import io.sparktune.model.Hyperparameter;
import io.sparktune.results.SearchStatus;
import io.sparktune.results.TableRows;
import io.sparktune.results.TableSchemas;
import io.sparktune.results.WarmStart;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecJson;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Numbers;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The report's data, running or finished, from the results the driver holds, without Spark: while a
 * search runs a Spark job would wait for a core the trials are using, and at its end the tables' few rows
 * are not worth compiling queries for. The rows are the tables' own, built by the code the tables are
 * written with, so the page reads them as Spark SQL would return them.
 */
public final class ReportData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportData() {
    }

    /**
     * A search still running, with its status. {@code earlier}: the searches whose trials informed TPE
     * (search.warm_start), as the job loaded them.
     */
    public static ObjectNode live(SearchSpec spec, List<TrialResult> results, OptionalInt baselineId,
                                  SearchStatus status, List<WarmStart.Earlier> earlier) {
        ObjectNode data = of(spec, results, baselineId, earlier, Confirmations.NONE);
        // As status.json has it (snake_case), which the page reads.
        data.set("live", SpecJson.mapper().valueToTree(status));
        return data;
    }

    /**
     * A search that has ended, with the final check's tables ({@code final} and {@code final_confusion},
     * as the driver read them; null when there was no final check).
     */
    public static ObjectNode finished(SearchSpec spec, List<TrialResult> results, OptionalInt baselineId,
                                      List<WarmStart.Earlier> earlier, Confirmations confirmed, TableRows finals,
                                      TableRows confusion) {
        ObjectNode data = of(spec, results, baselineId, earlier, confirmed);
        if (finals != null) {
            ArrayNode rows = data.putArray("final");
            // The best before the baseline, as the page lays them out.
            finals.rows().stream().sorted(Comparator.comparing((Row r) -> String.valueOf(finals.get(r, "role")))
                    .reversed()).forEach(r -> rows.add(row(r, finals.schema())));
            ArrayNode cells = data.putArray("confusion");
            if (confusion != null) {
                for (Row r : confusion.rows()) {
                    if ("best".equals(confusion.get(r, "role"))) {
                        cells.addObject().put("actual", String.valueOf(confusion.get(r, "actual")))
                                .put("predicted", String.valueOf(confusion.get(r, "predicted")))
                                .put("count", ((Number) confusion.get(r, "count")).longValue());
                    }
                }
            }
        }
        return data;
    }

    private static ObjectNode of(SearchSpec spec, List<TrialResult> results, OptionalInt baselineId,
                                 List<WarmStart.Earlier> earlier, Confirmations confirmed) {
        ObjectNode data = JSON.createObjectNode();
        data.put("name", spec.name());
        data.put("strategy", spec.strategyLabel());
        data.put("network", spec.network().description());
        data.put("threads_per_trial", spec.execution().threadsPerTrial());
        data.put("generated", Instant.now().toString());
        ArrayNode params = data.putArray("params");
        for (Hyperparameter<?> h : spec.space().parameters()) {
            params.addObject().put("name", h.columnName()).put("kind", h.kind().name().toLowerCase(Locale.ROOT));
        }
        Objective objective = spec.objective();
        data.set("objective", objective(objective));
        data.set("earlier", earlier(earlier, objective));
        // Confirmed trials first, by their mean over the seeds: the first row is the search's pick.
        List<TrialResult> ranked = confirmed.order(results, objective);
        List<Hyperparameter<?>> user = TableSchemas.userHyperparameters(results.stream().map(TrialResult::model));
        StructType schema = TableSchemas.trials(user);
        ArrayNode trials = data.putArray("trials");
        for (TrialResult r : ranked) {
            ObjectNode row = row(TableSchemas.trialRow(r, user, baselineId, objective, confirmed), schema);
            // The searched values as the console shows them, so the page does not round them another way.
            ObjectNode shown = row.putObject("settings_shown");
            spec.space().parameters().forEach(h -> shown.put(h.columnName(), Numbers.setting(r.model().column(h))));
            trials.add(row);
        }
        // The epochs of the top trials and of the baseline; the rest of each is in trials.
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
        ArrayNode importance = data.putArray("importance");
        List<HyperparameterImportance.Share> shares;
        if (spec.halving() == null) {
            shares = HyperparameterImportance.of(results, spec.space().parameters(), objective);
        } else {
            int firstRung = spec.halving().rungEpochs().get(0);
            data.put("importance_epochs", firstRung);
            shares = HyperparameterImportance.withinEpochs(results, spec.space().parameters(), objective, firstRung);
        }
        for (HyperparameterImportance.Share s : shares) {
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
        ArrayNode earlier = JSON.createArrayNode();
        for (WarmStart.Earlier e : searches) {
            ObjectNode node = earlier.addObject().put("folder", e.folder()).put("trials", e.trials().size());
            objective.best(e.trials()).ifPresent(b -> node.put("best_trial_id", b.trialId())
                    .put("best_objective", objective.value(b)));
        }
        return earlier;
    }

    /** What the page ranks by: the objective's name, label and direction. */
    static ObjectNode objective(Objective objective) {
        return JSON.createObjectNode().put("name", objective.specName()).put("label", objective.label())
                .put("minimise", objective.minimise());
    }

    /** A row as Spark's toJSON writes it: a field per column, nulls and non-finite numbers left out. */
    private static ObjectNode row(Row row, StructType schema) {
        ObjectNode node = JSON.createObjectNode();
        StructField[] fields = schema.fields();
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
