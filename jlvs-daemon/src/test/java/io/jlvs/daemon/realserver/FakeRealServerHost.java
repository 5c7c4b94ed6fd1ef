package io.jlvs.daemon.realserver;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** rs-setup's host in memory: sysctls, addresses per device, links and decapsulator PIDs; failures on request. */
final class FakeRealServerHost implements RealServerHost {
    final Map<String, String> sysctls = new LinkedHashMap<>();
    /** "device address" -> prefix length. */
    final Map<String, Integer> addresses = new LinkedHashMap<>();
    final Map<String, Boolean> links = new LinkedHashMap<>();
    final Set<Long> decapsulators = new HashSet<>();
    /** A call that fails with an IOException: "addAddress", "startDecapsulator", "sysctl KEY", ... */
    String failing;
    private long nextPid = 4242;

    FakeRealServerHost() {
        for (String device : new String[] {"all", "default", "lo", "eth0"}) {
            sysctls.put("net/ipv4/conf/" + device + "/arp_ignore", "0");
            sysctls.put("net/ipv4/conf/" + device + "/arp_announce", "0");
            sysctls.put("net/ipv4/conf/" + device + "/rp_filter", device.equals("lo") ? "0" : "1");
        }
        links.put("lo", true);
        links.put("eth0", true);
    }

    private void failIf(String call) throws IOException {
        if (call.equals(failing)) {
            throw new IOException(call + " failed (as the test asked)");
        }
    }

    @Override
    public String sysctl(String key) {
        return sysctls.get(key);
    }

    @Override
    public void sysctl(String key, String value) throws IOException {
        failIf("sysctl " + key);
        if (!sysctls.containsKey(key)) {
            throw new IOException("no such setting " + key);
        }
        sysctls.put(key, value);
    }

    @Override
    public boolean linkExists(String device) {
        return links.containsKey(device);
    }

    @Override
    public boolean linkIsUp(String device) {
        return links.getOrDefault(device, false);
    }

    @Override
    public void setLinkUp(String device, boolean up) throws IOException {
        failIf("setLinkUp");
        links.put(device, up);
    }

    @Override
    public int prefixLength(String device, InetAddress vip) {
        return addresses.getOrDefault(device + " " + vip.getHostAddress(), -1);
    }

    @Override
    public List<String> devicesWith(InetAddress address) {
        return addresses.keySet().stream().filter(key -> key.endsWith(" " + address.getHostAddress()))
                .map(key -> key.substring(0, key.indexOf(' '))).toList();
    }

    @Override
    public void addAddress(VipAddress address) throws IOException {
        failIf("addAddress");
        addresses.put(address.device() + " " + address.vip().getHostAddress(), address.prefixLength());
    }

    @Override
    public void deleteAddress(VipAddress address) throws IOException {
        failIf("deleteAddress");
        addresses.remove(address.device() + " " + address.vip().getHostAddress());
    }

    @Override
    public long startDecapsulator(DecapsulatorRunning decapsulator) throws IOException {
        failIf("startDecapsulator");
        long pid = nextPid++;
        decapsulators.add(pid);
        links.put(decapsulator.device(), true);
        sysctls.put("net/ipv4/conf/" + decapsulator.device() + "/rp_filter", "1");
        return pid;
    }

    @Override
    public boolean decapsulatorRunning(long pid) {
        return decapsulators.contains(pid);
    }

    @Override
    public void stopDecapsulator(long pid) throws IOException {
        failIf("stopDecapsulator");
        decapsulators.remove(pid);
        links.remove(RealServerPlan.TUN_DEVICE);
        sysctls.remove("net/ipv4/conf/" + RealServerPlan.TUN_DEVICE + "/rp_filter");
    }
}
