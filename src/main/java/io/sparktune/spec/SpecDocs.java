package io.sparktune.spec;

import io.sparktune.input.SpecField;
import io.sparktune.input.SpecSection;

/** The spec's sections as the README's reference and {@code sparktune spec-fields} print them. */
public final class SpecDocs {
    private SpecDocs() {
    }

    /**
     * A Markdown table: each field's dotted path, kind, default, allowed values and meaning, and whether a
     * rerun may change it and still resume. The {@code model} fields are the hyperparameters' own table.
     */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| field | kind | default | allowed | meaning | on resume |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (SpecSection section : SpecSections.ALL) {
            for (SpecField<?> field : section.fields()) {
                table.append("| `").append(field.path()).append("` | ").append(field.kind()).append(" | ")
                        .append(field.defaultText()).append(" | ").append(field.rule()).append(" | ")
                        .append(field.doc()).append(" | ").append(field.mayChange() ? "may change" : "")
                        .append(" |\n");
            }
        }
        return table.toString();
    }
}
