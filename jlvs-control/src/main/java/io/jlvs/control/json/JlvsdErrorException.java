package io.jlvs.control.json;

import java.io.IOException;

/** jlvsd could not handle a request (a protocol error, not a table refusal), with its message. */
public final class JlvsdErrorException extends IOException {
    public JlvsdErrorException(String message) {
        super(message);
    }
}
