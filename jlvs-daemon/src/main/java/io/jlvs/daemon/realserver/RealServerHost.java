package io.jlvs.daemon.realserver;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * The privileged side of rs-setup, one narrow interface: kernel settings, addresses and links,
 * and the decapsulator process. {@link LinuxRealServerHost} is the machine; tests use a twin in
 * memory.
 */
interface RealServerHost {
    /** The value of a setting under /proc/sys (key "net/ipv4/conf/all/arp_ignore"), or null when there is none. */
    String sysctl(String key) throws IOException;

    /** Writes a setting under /proc/sys. */
    void sysctl(String key, String value) throws IOException;

    /** Whether the device exists. */
    boolean linkExists(String device) throws IOException;

    /** Whether the device exists and is up. */
    boolean linkIsUp(String device) throws IOException;

    /** Brings the device up or down. */
    void setLinkUp(String device, boolean up) throws IOException;

    /** The prefix length vip has on device, or -1 when it is not there. */
    int prefixLength(String device, InetAddress vip) throws IOException;

    /** The devices that hold address, in the kernel's order. */
    List<String> devicesWith(InetAddress address) throws IOException;

    /** Adds the VIP to its device as a host address (IPv6 without duplicate address detection). */
    void addAddress(VipAddress address) throws IOException;

    /** Deletes the VIP from its device. */
    void deleteAddress(VipAddress address) throws IOException;

    /** Starts the decapsulator, detached, and returns its PID once it passes packets on. */
    long startDecapsulator(DecapsulatorRunning decapsulator) throws IOException;

    /** Whether the decapsulator with this PID is running. */
    boolean decapsulatorRunning(long pid);

    /** Ends the decapsulator with this PID (its TUN device goes with it); nothing when it is not running. */
    void stopDecapsulator(long pid) throws IOException;
}
