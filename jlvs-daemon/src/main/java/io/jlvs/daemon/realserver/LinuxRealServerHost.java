package io.jlvs.daemon.realserver;

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

    // TODO(rssetup): links and addresses through the netlink helper's API once it is on main.
    @Override
    public boolean linkExists(String device) throws IOException {
        return ip("link", "show", "dev", device).exit == 0;
    }

    @Override
    public boolean linkIsUp(String device) throws IOException {
        Run run = ip("-o", "link", "show", "dev", device);
        return run.exit == 0 && run.output.matches("(?s).*<([A-Z_-]+,)*UP[,>].*");
    }

    @Override
    public void setLinkUp(String device, boolean up) throws IOException {
        check(ip("link", "set", "dev", device, up ? "up" : "down"), "cannot set " + device + (up ? " up" : " down"));
    }

    @Override
    public int prefixLength(String device, InetAddress vip) throws IOException {
        Run run = ip("-o", "addr", "show", "dev", device);
        if (run.exit != 0) {
            return -1;
        }
        for (String line : run.output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if ((f[i].equals("inet") || f[i].equals("inet6")) && f[i + 1].contains("/")) {
                    String[] cidr = f[i + 1].split("/");
                    if (InetAddress.ofLiteral(cidr[0]).equals(vip)) {
                        return Integer.parseInt(cidr[1]);
                    }
                }
            }
        }
        return -1;
    }

    @Override
    public List<String> devicesWith(InetAddress address) throws IOException {
        List<String> devices = new ArrayList<>();
        for (String line : ip("-o", "addr", "show").output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && (f[2].equals("inet") || f[2].equals("inet6"))
                    && InetAddress.ofLiteral(f[3].split("/")[0]).equals(address)) {
                devices.add(f[1]);
            }
        }
        return devices;
    }

    @Override
    public void addAddress(VipAddress address) throws IOException {
        List<String> args = new ArrayList<>(List.of("addr", "add", address.cidr(), "dev", address.device()));
        if (address.label() != null) {
            args.addAll(List.of("label", address.label()));
        } else {
            args.add("nodad");
        }
        check(ip(args.toArray(String[]::new)), "cannot add " + address.cidr() + " to " + address.device());
    }

    @Override
    public void deleteAddress(VipAddress address) throws IOException {
        check(ip("addr", "del", address.cidr(), "dev", address.device()), "cannot remove " + address.cidr()
                + " from " + address.device());
    }

    private record Run(int exit, String output) {
    }

    private static void check(Run run, String what) throws IOException {
        if (run.exit != 0) {
            throw new IOException(what + ": " + run.output.strip());
        }
    }

    private static Run ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new Run(process.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
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
