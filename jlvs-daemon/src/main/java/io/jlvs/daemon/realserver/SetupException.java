package io.jlvs.daemon.realserver;

import java.io.IOException;

/** rs-setup cannot do what it was asked; the message says why and what to do. */
final class SetupException extends IOException {
    SetupException(String message) {
        super(message);
    }
}
