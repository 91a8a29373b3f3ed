package org.coopmetrics;

/** A failure the user can act on, carrying the contract's exit code and a message naming what to fix. */
public class JobException extends RuntimeException {
    public static final int UNEXPECTED = 1;
    public static final int USAGE = 2;
    public static final int QUALITY_GATE = 3;
    public static final int INPUT_MISSING = 4;

    private final int exitCode;

    public JobException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public JobException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static JobException usage(String message) {
        return new JobException(USAGE, message);
    }

    public static JobException inputMissing(String message) {
        return new JobException(INPUT_MISSING, message);
    }
}
