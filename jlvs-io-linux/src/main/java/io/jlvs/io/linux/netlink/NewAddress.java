package io.jlvs.io.linux.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An address to add to an interface, checked before any request is made: start from
 * {@link #of} and set a label, a scope or no-DAD with the withers.
 *
 * @param interfaceName the interface ("lo", "eth0")
 * @param address       the address
 * @param prefixLength  0 to 32 (IPv4) or 128 (IPv6)
 * @param label         an IPv4 label that starts with the interface's name ("eth0:0", as
 *                      {@code ifconfig eth0:0} makes), or null for the interface's name
 * @param scope         the scope; {@link #of} picks ip's default (host for 127/8, else global)
 * @param noDad         IFA_F_NODAD: usable at once, without IPv6 duplicate address detection (VIPs)
 */
public record NewAddress(String interfaceName, InetAddress address, int prefixLength, String label,
        AddressScope scope, boolean noDad) {
    /** IFNAMSIZ - 1: the longest interface name or label. */
    public static final int MAX_NAME_BYTES = 15;

    public NewAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scope, "scope");
        checkInterfaceName(interfaceName);
        checkPrefixLength(address, prefixLength);
        if (label != null) {
            if (!(address instanceof Inet4Address)) {
                throw new IllegalArgumentException("labels are for IPv4 addresses only, not " + address.getHostAddress());
            }
            if (!label.startsWith(interfaceName) || label.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("label '" + label + "' must start with the interface name "
                        + interfaceName + " and be at most " + MAX_NAME_BYTES + " bytes");
            }
        }
    }

    /** An address with ip's defaults: no label, scope host for 127/8 and global otherwise, DAD. */
    public static NewAddress of(String interfaceName, InetAddress address, int prefixLength) {
        AddressScope scope = address instanceof Inet4Address && address.getAddress()[0] == 127
                ? AddressScope.HOST : AddressScope.GLOBAL;
        return new NewAddress(interfaceName, address, prefixLength, null, scope, false);
    }

    public NewAddress withLabel(String newLabel) {
        return new NewAddress(interfaceName, address, prefixLength, newLabel, scope, noDad);
    }

    public NewAddress withScope(AddressScope newScope) {
        return new NewAddress(interfaceName, address, prefixLength, label, newScope, noDad);
    }

    public NewAddress withNoDad() {
        return new NewAddress(interfaceName, address, prefixLength, label, scope, true);
    }

    /** "address/prefix". */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }

    static void checkInterfaceName(String name) {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES
                || name.contains("/") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not an interface name: '" + name + "' (1 to " + MAX_NAME_BYTES
                    + " bytes, no '/' or space)");
        }
    }

    static void checkPrefixLength(InetAddress address, int prefixLength) {
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range for "
                    + address.getHostAddress() + " (0 to " + bits + ")");
        }
    }
}
