package io.jlvs.io.linux.netlink;

import java.net.InetAddress;

/**
 * An address of an interface as RTM_GETADDR describes it.
 *
 * @param interfaceIndex the interface's index
 * @param address        the local address
 * @param prefixLength   its prefix length
 * @param label          its IPv4 label ("eth0", "eth0:0"), or null for IPv6
 * @param scope          its scope
 * @param flags          its IFA_F_* flags
 */
public record InterfaceAddress(int interfaceIndex, InetAddress address, int prefixLength, String label,
        AddressScope scope, int flags) {
    /** IFA_F_SECONDARY: a second address in a subnet the interface already has. */
    public static final int IFA_F_SECONDARY = 0x01;
    /** IFA_F_NODAD: no duplicate address detection (IPv6). */
    public static final int IFA_F_NODAD = 0x02;
    /** IFA_F_DADFAILED: duplicate address detection failed (IPv6). */
    public static final int IFA_F_DADFAILED = 0x08;
    /** IFA_F_TENTATIVE: duplicate address detection still runs; the address cannot be used yet (IPv6). */
    public static final int IFA_F_TENTATIVE = 0x40;
    /** IFA_F_PERMANENT: configured, not learned (IPv6). */
    public static final int IFA_F_PERMANENT = 0x80;

    /** Whether the address is usable (IPv6 DAD neither running nor failed). */
    public boolean usable() {
        return (flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED)) == 0;
    }

    /** "address/prefix". */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
