package io.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparktune.results.ResultTables;
import io.sparktune.spark.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * notebooks/explore-results.ipynb cannot go stale: every SQL in it (the %%sparksql cells, and the
 * spark.sql("""...""") calls in Python cells) runs against a real search's output folder and returns rows.
 */
class NotebookSqlTest {
    private static final Path NOTEBOOK = Path.of("notebooks/explore-results.ipynb");
    private static final Pattern PYTHON_SQL = Pattern.compile("spark\\.sql\\(\\s*\"\"\"(.*?)\"\"\"", Pattern.DOTALL);

    @Test
    void everySqlOfTheNotebookRunsAndReturnsRowsOnARealOutputFolder() throws Exception {
        List<String> queries = queries(new ObjectMapper().readTree(NOTEBOOK.toFile()));
        assertTrue(queries.size() >= 8, "the notebook's queries: " + queries.size());
        Path output = SearchedFolder.output();
        SparkSession spark = SparkSessions.forQuery();
        try {
            List<String> tables = new ResultTables(output.toString()).registerViews(spark);
            assertTrue(tables.containsAll(List.of("trials", "epochs", "final", "final_confusion")), tables.toString());
            for (String sql : queries) {
                List<Row> rows = spark.sql(sql).collectAsList();
                assertFalse(rows.isEmpty(), "no rows from the notebook's query:\n" + sql);
            }
        } finally {
            spark.stop();
        }
    }

    /** Each %%sparksql cell's body, and each spark.sql("""...""") in a Python cell. */
    static List<String> queries(JsonNode notebook) {
        List<String> queries = new ArrayList<>();
        for (JsonNode cell : notebook.path("cells")) {
            if (!cell.path("cell_type").asText().equals("code")) {
                continue;
            }
            StringBuilder source = new StringBuilder();
            cell.path("source").forEach(line -> source.append(line.asText()));
            String text = source.toString();
            if (text.startsWith("%%sparksql")) {
                queries.add(text.substring(text.indexOf('\n') + 1));
            } else {
                Matcher m = PYTHON_SQL.matcher(text);
                while (m.find()) {
                    queries.add(m.group(1));
                }
            }
        }
        return queries;
    }
}
