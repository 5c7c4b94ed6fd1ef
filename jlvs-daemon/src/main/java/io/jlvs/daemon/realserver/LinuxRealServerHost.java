package io.jlvs.daemon.realserver;

import io.jlvs.io.linux.netlink.AddressScope;
import io.jlvs.io.linux.netlink.InterfaceAddress;
import io.jlvs.io.linux.netlink.Link;
import io.jlvs.io.linux.netlink.NetlinkException;
import io.jlvs.io.linux.netlink.NewAddress;
import io.jlvs.io.linux.netlink.RouteNetlink;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine as rs-setup changes it: settings as files under /proc/sys, addresses and links
 * through rtnetlink, the decapsulator as a detached process.
 */
final class LinuxRealServerHost implements RealServerHost {
    static final String PROC_SYS = "/proc/sys";
    /** ENODEV, what the kernel answers for a device it does not have. */
    private static final int NO_SUCH_DEVICE = 19;

    private final Path procSys;
    private final DecapsulatorProcess decapsulators;

    LinuxRealServerHost(Path procSys) {
        this(procSys, null);
    }

    LinuxRealServerHost(Path procSys, Path runDirectory) {
        this.procSys = procSys;
        this.decapsulators = runDirectory == null ? null : new DecapsulatorProcess(runDirectory);
    }

    @Override
    public String sysctl(String key) throws IOException {
        try {
            return Files.readString(procSys.resolve(key), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void sysctl(String key, String value) throws IOException {
        Path file = procSys.resolve(key);
        try {
            Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("cannot write " + value + " to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean linkExists(String device) throws IOException {
        return link(device) != null;
    }

    @Override
    public boolean linkIsUp(String device) throws IOException {
        Link link = link(device);
        return link != null && link.up();
    }

    /** The device, or null when there is none. */
    private static Link link(String device) throws IOException {
        try (RouteNetlink netlink = RouteNetlink.open()) {
            return netlink.link(device);
        } catch (NetlinkException e) {
            if (e.errno() == NO_SUCH_DEVICE) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public void setLinkUp(String device, boolean up) throws IOException {
        try (RouteNetlink netlink = RouteNetlink.open()) {
            netlink.setUp(device, up);
        }
    }

    @Override
    public int prefixLength(String device, InetAddress vip) throws IOException {
        if (link(device) == null) {
            return -1;
        }
        try (RouteNetlink netlink = RouteNetlink.open()) {
            for (InterfaceAddress address : netlink.addresses(device)) {
                if (address.address().equals(vip)) {
                    return address.prefixLength();
                }
            }
            return -1;
        }
    }

    @Override
    public List<String> devicesWith(InetAddress address) throws IOException {
        try (RouteNetlink netlink = RouteNetlink.open()) {
            List<String> devices = new ArrayList<>();
            for (InterfaceAddress held : netlink.addresses()) {
                if (held.address().equals(address)) {
                    devices.add(netlink.link(held.interfaceIndex()).name());
                }
            }
            return devices;
        }
    }

    /** As {@code ifconfig lo:0 VIP netmask 255.255.255.255} adds it: scope global, the label; IPv6 without DAD. */
    @Override
    public void addAddress(VipAddress address) throws IOException {
        NewAddress vip = NewAddress.of(address.device(), address.vip(), address.prefixLength())
                .withScope(AddressScope.GLOBAL);
        try (RouteNetlink netlink = RouteNetlink.open()) {
            netlink.addAddress(address.label() != null ? vip.withLabel(address.label()) : vip.withNoDad());
        }
    }

    @Override
    public void deleteAddress(VipAddress address) throws IOException {
        try (RouteNetlink netlink = RouteNetlink.open()) {
            netlink.deleteAddress(address.device(), address.vip(), address.prefixLength());
        }
    }

    @Override
    public long startDecapsulator(DecapsulatorRunning decapsulator) throws IOException {
        return decapsulators.start(decapsulator);
    }

    @Override
    public boolean decapsulatorRunning(long pid) {
        return DecapsulatorProcess.running(pid);
    }

    @Override
    public void stopDecapsulator(long pid) throws IOException {
        decapsulators.stop(pid);
    }
}
