package io.sparktune.input;

/** Input the user can fix (spec, data files, output folder). The command line exits with code 2 on it. */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
