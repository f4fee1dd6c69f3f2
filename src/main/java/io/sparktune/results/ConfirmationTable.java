package io.sparktune.results;

import io.sparktune.confirm.Confirmations;
import io.sparktune.confirm.Confirmed;
import io.sparktune.model.Hyperparameter;
import io.sparktune.trial.Numbers;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What confirmation found, as the console prints it: each confirmed configuration, its value in the search
 * and on the new seeds, its mean and spread, the pick first; then whether the pick differs from what one
 * run would have named.
 */
public final class ConfirmationTable {
    private ConfirmationTable() {
    }

    /** {@code top}: the trials confirmed, best first by their search value. */
    public static String format(Confirmations confirmed, List<TrialResult> top, List<Hyperparameter<?>> searched,
                                Objective objective) {
        if (confirmed.isEmpty()) {
            return "sparktune: no confirmation run ended\n";
        }
        List<String> header = new ArrayList<>(List.of("rank", "trial_id"));
        searched.forEach(h -> header.add(h.specName()));
        header.addAll(List.of("in_search", "new_seeds", "mean ± sd (runs)"));
        List<String[]> cells = new ArrayList<>();
        for (Confirmed c : confirmed.ranked()) {
            TrialResult trial = top.stream().filter(t -> t.trialId() == c.trialId()).findFirst().orElseThrow();
            List<String> line = new ArrayList<>(List.of(Integer.toString(cells.size() + 1),
                    Integer.toString(c.trialId())));
            searched.forEach(h -> line.add(Numbers.setting(trial.model().column(h))));
            line.add(TextTable.cell(c.searchValue()));
            line.add(c.newValues().stream().map(TextTable::cell).collect(Collectors.joining(", "))
                    + (c.failed() > 0 ? (c.newValues().isEmpty() ? "" : ", ") + c.failed() + " failed" : ""));
            line.add(Ranking.meanSdRuns(c));
            cells.add(line.toArray(String[]::new));
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Confirmed on new seeds (%s, the best"
                + " mean first):%n", objective.label()));
        text.append(TextTable.render(header.toArray(String[]::new), cells));
        Confirmed pick = confirmed.pick().orElseThrow();
        text.append(String.format(Locale.ROOT, "sparktune: pick: trial %d, %s %s over %d seeds", pick.trialId(),
                objective.shortName(), Ranking.meanSd(pick), pick.runs()));
        int searchBest = top.get(0).trialId();
        if (searchBest != pick.trialId()) {
            Confirmed first = confirmed.of(searchBest).orElse(null);
            text.append(String.format(Locale.ROOT, "; by one run the search's best was trial %d (%s)%s", searchBest,
                    TextTable.cell(first == null ? Double.NaN : first.searchValue()), first == null ? ""
                            : ", whose mean is " + Ranking.meanSd(first)));
        } else {
            text.append(", the search's best by one run too");
        }
        return text.append('\n').toString();
    }
}
