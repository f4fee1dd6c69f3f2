package io.sparktune.data;

import io.sparktune.input.UserInputException;

/** A data file or folder is missing or malformed; the message names it. */
public class DataException extends UserInputException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
