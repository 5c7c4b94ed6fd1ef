package io.jlvs.control.state;

import java.io.IOException;
import java.nio.file.Path;

/** The state file exists but cannot be restored; the message names the file and says why. */
public final class StateFileException extends IOException {
    private final transient Path file;

    public StateFileException(Path file, String problem, Throwable cause) {
        super("state file " + file + " " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
