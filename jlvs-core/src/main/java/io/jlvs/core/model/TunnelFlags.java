package io.jlvs.core.model;

/** The kernel's IP_VS_TUNNEL_ENCAP_FLAG_* bits (--tun-nocsum, --tun-csum, --tun-remcsum). */
public final class TunnelFlags {
    public static final int NOCSUM = 0;
    public static final int CSUM = 1 << 0;
    public static final int REMCSUM = 1 << 1;

    private TunnelFlags() {
    }
}
