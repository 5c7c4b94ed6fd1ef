package io.jlvs.control;

import io.jlvs.control.api.Command;

/** A command replayed from saved state was refused by the kernel rules; the message names the entry and why. */
public final class CommandRefusedException extends Exception {
    private final transient Command command;

    CommandRefusedException(Command command, String why) {
        super(CommandText.describe(command) + ": " + why);
        this.command = command;
    }

    /** The refused command. */
    public Command command() {
        return command;
    }
}
