package io.jlvs.director;

import io.jlvs.core.service.VirtualService;

/**
 * Gives a new FULLNAT connection the source address and port the real server will see and answer
 * (a local address of its service, ipvsadm -P, and a free port on it).
 */
interface LocalAddressBinder {

    /**
     * Binds connection slot of service to a local address and port (ConnectionTable.setLocalAddress).
     *
     * @return false when the service has no local address or no free port on any
     */
    boolean bind(VirtualService service, int slot);
}
