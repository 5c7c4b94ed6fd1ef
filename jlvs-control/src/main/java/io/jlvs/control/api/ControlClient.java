package io.jlvs.control.api;

import java.io.IOException;

/**
 * How a client (jlvs adm, simulate, the HTTP API) reaches the service table: over the control
 * socket to jlvsd, or in-process to a ServiceManager.
 */
@FunctionalInterface
public interface ControlClient {

    /** Sends one request and waits for its reply. */
    Reply send(Request request) throws IOException;
}
