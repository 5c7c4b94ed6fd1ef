package io.jlvs.io.linux.afpacket;

import java.io.IOException;

/** A port was asked for on an interface that does not exist in the caller's network namespace. */
public final class NoSuchInterfaceException extends IOException {
    private final String interfaceName;

    NoSuchInterfaceException(String interfaceName, Throwable cause) {
        super("no interface named " + interfaceName, cause);
        this.interfaceName = interfaceName;
    }

    /** The name asked for. */
    public String interfaceName() {
        return interfaceName;
    }
}
