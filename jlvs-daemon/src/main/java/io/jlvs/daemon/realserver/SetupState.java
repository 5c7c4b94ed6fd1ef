package io.jlvs.daemon.realserver;

import io.jlvs.cli.ipvsadm.InetText;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * rs-setup's state file (/run/jlvs/rs-setup.state): the plan started, its VIPs and the undo log,
 * one line each, written whole and renamed into place after every change:
 *
 * <pre>
 * plan dr|tun-ipip|tun-user
 * vip 10.0.0.100
 * sysctl net/ipv4/conf/all/arp_ignore 0      (a setting changed, and its value before)
 * address lo 10.0.0.100 lo:0                (an address added, and its label or -)
 * link tunl0                                (a device brought up)
 * decapsulator 4242 jlvstun0 10.0.0.100     (the decapsulator's PID, device and VIPs)
 * </pre>
 *
 * @param plan the plan's name
 * @param vips the VIPs it was started for
 * @param undos the changes made, in order
 */
record SetupState(String plan, List<InetAddress> vips, List<Undo> undos) {
    static final String FILE_NAME = "rs-setup.state";

    SetupState {
        vips = List.copyOf(vips);
        undos = List.copyOf(undos);
    }

    /** The same plan with one more change. */
    SetupState with(Undo undo) {
        List<Undo> more = new ArrayList<>(undos);
        more.add(undo);
        return new SetupState(plan, vips, more);
    }

    /** The same plan with the changes given. */
    SetupState withUndos(List<Undo> remaining) {
        return new SetupState(plan, vips, remaining);
    }

    /** The state in file, or null when there is none. */
    static SetupState read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String plan = null;
        List<InetAddress> vips = new ArrayList<>();
        List<Undo> undos = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String[] f = line.strip().split(" +");
            try {
                switch (f[0]) {
                    case "plan" -> plan = f[1];
                    case "vip" -> vips.add(address(f[1]));
                    case "sysctl" -> undos.add(new Undo.RestoreSysctl(f[1], f[2]));
                    case "address" -> undos.add(new Undo.RemoveAddress(f[1], address(f[2]), f[3].equals("-") ? null
                            : f[3]));
                    case "link" -> undos.add(new Undo.BringDown(f[1]));
                    case "decapsulator" -> {
                        List<InetAddress> served = new ArrayList<>();
                        for (int i = 3; i < f.length; i++) {
                            served.add(address(f[i]));
                        }
                        undos.add(new Undo.StopDecapsulator(Long.parseLong(f[1]), f[2], served));
                    }
                    default -> throw new IllegalArgumentException("unknown entry " + f[0]);
                }
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + number + " is not rs-setup's (" + e.getMessage() + "): "
                        + line + "; remove the file once the real server is set up by hand");
            }
        }
        if (plan == null) {
            throw new IOException(file + " names no plan; remove the file once the real server is set up by hand");
        }
        return new SetupState(plan, vips, undos);
    }

    /** Writes the state to file (through a temporary file renamed into place), or deletes it when nothing is left to undo. */
    void write(Path file) throws IOException {
        if (undos.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        StringBuilder text = new StringBuilder("plan ").append(plan).append('\n');
        vips.forEach(vip -> text.append("vip ").append(InetText.format(vip)).append('\n'));
        for (Undo undo : undos) {
            text.append(switch (undo) {
                case Undo.RestoreSysctl(String key, String before) -> "sysctl " + key + " " + before;
                case Undo.RemoveAddress(String device, InetAddress vip, String label) -> "address " + device + " "
                        + InetText.format(vip) + " " + (label == null ? "-" : label);
                case Undo.BringDown(String device) -> "link " + device;
                case Undo.StopDecapsulator(long pid, String device, List<InetAddress> served) -> "decapsulator "
                        + pid + " " + device + " " + String.join(" ", served.stream().map(InetText::format)
                        .toList());
            }).append('\n');
        }
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The running decapsulator's entry, or null. */
    Undo.StopDecapsulator decapsulator() {
        for (Undo undo : undos) {
            if (undo instanceof Undo.StopDecapsulator stop) {
                return stop;
            }
        }
        return null;
    }

    private static InetAddress address(String text) {
        return VipArguments.parse(text);
    }
}
