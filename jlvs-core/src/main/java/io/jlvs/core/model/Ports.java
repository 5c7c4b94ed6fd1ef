package io.jlvs.core.model;

/** The check every port number of the model passes: 0..65535, as the kernel's 16-bit fields hold. */
public final class Ports {
    private Ports() {
    }

    /**
     * @param name what the port is ("port", "tunnelPort"), for the message
     * @throws IllegalArgumentException naming it when the value does not fit in 16 bits
     */
    public static void check(String name, int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }
}
