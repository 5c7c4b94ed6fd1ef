package io.jlvs.daemon.realserver;

import io.jlvs.io.linux.tun.TunDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * jlvs rs-decapsulator (hidden; rs-setup tun starts it): makes the TUN device, brings it up, opens
 * the raw tunnel sockets, writes its PID file (the sign that it is ready) and passes tunnelled
 * packets on until it is killed; the device goes with it.
 */
@Command(name = DecapsulatorProcess.COMMAND, hidden = true,
        description = "The user-space IPIP tunnel end of a TUN real server (started by rs-setup tun).")
public final class DecapsulatorCommand implements Callable<Integer> {
    @Option(names = "--device", required = true, description = "the TUN device to make")
    String device;

    @Option(names = "--vip", required = true, description = "a VIP whose tunnelled packets are passed on")
    List<String> vipTexts;

    @Option(names = "--pid-file", required = true, description = "written with this PID once ready")
    Path pidFile;

    @Override
    public Integer call() throws IOException {
        List<InetAddress> vips = VipArguments.parseAll(vipTexts);
        try (TunDevice tun = TunDevice.open(device);
             Decapsulator decapsulator = new Decapsulator(tun, new VipSet(vips))) {
            new LinuxRealServerHost(Path.of(LinuxRealServerHost.PROC_SYS)).setLinkUp(tun.name(), true);
            writePid();
            System.out.println("jlvs rs-decapsulator: ready (pid " + ProcessHandle.current().pid() + "): IPIP packets"
                    + " for " + String.join(", ", vipTexts) + " go to " + tun.name());
            // SIGTERM (rs-setup stop) ends the JVM in the loop: the counts go to the log on the way out.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("jlvs rs-decapsulator: stopping ("
                    + decapsulator.counts() + ")")));
            decapsulator.run();
            return 0;
        } catch (IOException | RuntimeException e) {
            System.out.println("jlvs rs-decapsulator: " + e.getMessage());
            return 1;
        }
    }

    private void writePid() throws IOException {
        Path temporary = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(temporary, ProcessHandle.current().pid() + "\n");
        Files.move(temporary, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
