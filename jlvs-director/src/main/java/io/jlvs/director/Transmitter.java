package io.jlvs.director;

/**
 * One forwarding method (the kernel's ip_vs_xmit.c has one function per method): what happens to
 * a packet of a connection on its way to the real server, and to a reply on its way back (NAT and
 * FULLNAT only: with DR and TUN the real server answers the client directly). Bound per
 * connection by its forwarding flags. Rewrites in place and hands the frame to {@link Egress}.
 */
interface Transmitter {

    /** A packet from the client, of connection slot, to its real server. */
    void toRealServer(CurrentFrame frame, int slot);

    /** A reply from the real server, of connection slot, to the client. */
    void toClient(CurrentFrame frame, int slot);
}
