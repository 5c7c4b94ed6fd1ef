package io.jlvs.control;

import io.jlvs.control.api.Command;
import io.jlvs.control.api.IpvsError;

/** A command replayed from saved state was refused by the kernel rules; the message names the entry and why. */
public final class CommandRefusedException extends Exception {
    private final transient Command command;
    private final IpvsError error;

    CommandRefusedException(Command command, IpvsError error) {
        this(command, error, error.message());
    }

    CommandRefusedException(Command command, IpvsError error, String why) {
        super(CommandText.describe(command) + ": " + why);
        this.command = command;
        this.error = error;
    }

    /** The refused command. */
    public Command command() {
        return command;
    }

    /** Why, as ipvsadm would print it. */
    public IpvsError error() {
        return error;
    }
}
