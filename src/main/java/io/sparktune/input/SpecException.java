package io.sparktune.input;

/**
 * A search spec, a command-line value or a data file the user supplied is wrong. The message names the
 * field (as a dotted path into the spec) or the file, so the user can fix it without reading our code.
 */
public class SpecException extends UserInputException {
    private final String field;
    private final String problem;

    public SpecException(String field, String problem) {
        super("spec field '" + field + "': " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    /** The message without the field, for callers that re-attribute it to a more precise field. */
    public String problem() {
        return problem;
    }
}
