package io.jlvs.core.engine;

/**
 * An engine could not carry out a command and changed nothing for it; the message names what is
 * missing or wrong (fit for the user). For a list of commands, {@link #index()} is the position of
 * the one refused: those before it are applied.
 */
public final class EngineRejection extends RuntimeException {
    private final int index;

    public EngineRejection(String message) {
        this(message, 0, null);
    }

    public EngineRejection(String message, int index, Throwable cause) {
        super(message, cause, false, false);
        this.index = index;
    }

    /** The position of the refused command in the list it came in. */
    public int index() {
        return index;
    }

    /** The same refusal, at position index of a list. */
    public EngineRejection at(int newIndex) {
        return newIndex == index ? this : new EngineRejection(getMessage(), newIndex, getCause());
    }
}
