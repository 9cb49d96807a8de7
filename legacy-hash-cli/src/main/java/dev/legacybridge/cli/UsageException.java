package dev.legacybridge.cli;

/** A problem with what the user gave us (options, standard input); reported as one line, exit code 64. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
