package io.jlvs.daemon.lab;

/** A lab step that did not work (a command's failure, a process that did not become ready): the lab stops there. */
public final class LabFailure extends Exception {
    public LabFailure(String message) {
        super(message);
    }
}
