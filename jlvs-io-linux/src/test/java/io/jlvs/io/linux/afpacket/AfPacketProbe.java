package io.jlvs.io.linux.afpacket;

/** Prints what the probe found, for a test that runs it in a child process without CAP_NET_RAW. */
public final class AfPacketProbe {
    private AfPacketProbe() {
    }

    public static void main(String[] args) {
        System.out.println(AfPacket.isAvailable() ? "available" : AfPacket.unavailabilityCause().getMessage());
    }
}
