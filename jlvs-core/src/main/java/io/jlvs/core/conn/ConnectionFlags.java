package io.jlvs.core.conn;

import io.jlvs.core.model.ForwardMethod;

/** The kernel's IP_VS_CONN_F_* bits of a connection entry, plus jlvs's FULLNAT forwarding value. */
public final class ConnectionFlags {
    /** The forwarding method field. */
    public static final int FWD_MASK = 0x0007;
    public static final int MASQ = 0x0000;
    public static final int LOCALNODE = 0x0001;
    public static final int TUNNEL = 0x0002;
    public static final int DROUTE = 0x0003;
    public static final int BYPASS = 0x0004;
    /** FULLNAT (jlvs extension): a forwarding value the kernel leaves unused. */
    public static final int FULLNAT = 0x0005;
    public static final int SYNC = 0x0020;
    public static final int HASHED = 0x0040;
    /** No reply has been seen through the director: state changes read the INPUT_ONLY table. */
    public static final int NOOUTPUT = 0x0080;
    /** The connection does not count in ActiveConn. */
    public static final int INACTIVE = 0x0100;
    public static final int NO_CPORT = 0x0800;
    /** A persistence template, not a connection. */
    public static final int TEMPLATE = 0x1000;
    /** A UDP connection for one packet only (ipvsadm -o): never hashed, gone after its packet. */
    public static final int ONE_PACKET = 0x2000;

    private ConnectionFlags() {
    }

    /** The forwarding bits of a method. */
    public static int forwardBits(ForwardMethod method) {
        return switch (method) {
            case MASQ -> MASQ;
            case LOCALNODE -> LOCALNODE;
            case TUNNEL -> TUNNEL;
            case DROUTE -> DROUTE;
            case FULLNAT -> FULLNAT;
        };
    }

    /**
     * The flags a new connection inherits from its destination (the kernel's dest->conn_flags as
     * __ip_vs_update_dest sets them): the forwarding method, INACTIVE, and NOOUTPUT unless replies
     * come back through the director (NAT, and FULLNAT here).
     */
    public static int fromDestination(ForwardMethod method) {
        int flags = forwardBits(method) | INACTIVE;
        if (method != ForwardMethod.MASQ && method != ForwardMethod.FULLNAT) {
            flags |= NOOUTPUT;
        }
        return flags;
    }
}
