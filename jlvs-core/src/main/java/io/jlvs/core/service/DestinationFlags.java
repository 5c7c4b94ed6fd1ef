package io.jlvs.core.service;

/** The kernel's IP_VS_DEST_F_* status bits of a real server. */
public final class DestinationFlags {
    /** The server is in its service's list (not deleted). */
    public static final int AVAILABLE = 0x0001;
    /** The server has reached its upper connection threshold (-x). */
    public static final int OVERLOAD = 0x0002;

    private DestinationFlags() {
    }
}
