package io.sparktune.results;

import io.sparktune.model.Hyperparameter;
import io.sparktune.trial.FinalResult;
import io.sparktune.trial.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The console's account of the final evaluation: best against baseline on the test set. */
public final class FinalReport {
    private FinalReport() {
    }

    public static String format(List<FinalResult> finals, List<Hyperparameter<?>> searched) {
        List<String> header = new ArrayList<>(List.of("role", "trial_id"));
        searched.forEach(h -> header.add(h.columnName()));
        header.addAll(List.of("epochs_trained", "test_accuracy", "test_precision", "test_recall", "test_f1"));
        List<String[]> rows = new ArrayList<>();
        for (FinalResult f : finals) {
            List<String> row = new ArrayList<>(List.of(f.role(), f.trialId() == null ? "-" : f.trialId().toString()));
            searched.forEach(h -> row.add(Numbers.setting(f.model().column(h))));
            row.addAll(List.of(Integer.toString(f.epochs()), TextTable.cell(f.test().accuracy()),
                    TextTable.cell(f.test().precision()), TextTable.cell(f.test().recall()),
                    TextTable.cell(f.test().f1())));
            rows.add(row.toArray(String[]::new));
        }
        StringBuilder out = new StringBuilder(TextTable.render(header.toArray(String[]::new), rows));
        Optional<FinalResult> best = finals.stream().filter(f -> f.role().equals("best")).findFirst();
        Optional<FinalResult> baseline = finals.stream().filter(f -> f.role().equals("baseline")).findFirst();
        if (best.isPresent() && baseline.isPresent()) {
            out.append(String.format(Locale.ROOT, "best - baseline on %d test images: %+.1f points of accuracy,"
                            + " %+.3f F1%n", best.get().testImages(),
                    100 * (best.get().test().accuracy() - baseline.get().test().accuracy()),
                    best.get().test().f1() - baseline.get().test().f1()));
        }
        return out.toString();
    }
}
