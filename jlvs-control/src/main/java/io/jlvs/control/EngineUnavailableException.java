package io.jlvs.control;

/** An engine did not answer in time, or failed to; the request gets an error reply with this message. */
public final class EngineUnavailableException extends RuntimeException {
    public EngineUnavailableException(String message) {
        super(message, null, false, false);
    }
}
