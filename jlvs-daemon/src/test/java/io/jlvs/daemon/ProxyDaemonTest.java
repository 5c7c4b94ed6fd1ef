package io.jlvs.daemon;

import io.jlvs.cli.ipvsadm.Ipvsadm;
import io.jlvs.control.HostFacts;
import io.jlvs.testkit.PortReservation;
import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.state.StateFile;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jlvsd in proxy mode end to end: ipvsadm commands in, real loopback traffic through, listings out. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyDaemonTest {
    private static final String VIP = "127.0.40.1";

    @TempDir
    Path dir;

    private Jlvsd daemon;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        for (AutoCloseable server : toClose) {
            server.close();
        }
    }

    private Jlvsd start() throws DaemonStartupException {
        daemon = Jlvsd.start(dir.resolve("run/jlvsd.sock"), dir.resolve("state"), HostFacts.system(), DaemonMode.PROXY);
        return daemon;
    }

    private NamedServer server(String name, String address, boolean closeAfterName) throws IOException {
        NamedServer server = new NamedServer(name, address, closeAfterName);
        toClose.add(server);
        return server;
    }

    /** Runs ipvsadm against the daemon in-process; returns its standard output, failing on a non-zero status. */
    private String adm(String... args) {
        List<String> run = admRun(args);
        assertEquals("0", run.getFirst(), () -> "ipvsadm " + String.join(" ", args) + ": " + run.get(2));
        return run.get(1);
    }

    /** Runs ipvsadm against the daemon in-process; returns status, output and error text. */
    private List<String> admRun(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Ipvsadm.run(args, daemon.manager()::handle, InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return List.of(String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A round-robin service on a reserved VIP:PORT with one masqueraded real server. */
    private String serviceOf(NamedServer server) throws IOException {
        String vip = reservedVip();
        adm("-A", "-t", vip, "-s", "rr");
        adm("-a", "-t", vip, "-r", server.endpoint(), "-m");
        return vip;
    }

    /** A virtual service's VIP:PORT, its port held until the test ends so nothing else takes it before jlvsd binds it. */
    private String reservedVip() throws IOException {
        PortReservation port = PortReservation.on(InetAddress.ofLiteral(VIP));
        toClose.add(port);
        return port.endpoint();
    }

    private static Socket connect(String vip) throws IOException {
        String[] parts = vip.split(":");
        Socket socket = new Socket();
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress(InetAddress.ofLiteral(parts[0]), Integer.parseInt(parts[1])), 5_000);
        return socket;
    }

    private static String readLine(Socket socket) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = socket.getInputStream().read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("end of stream");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static String nameFrom(String vip) throws IOException {
        try (Socket socket = connect(vip)) {
            return readLine(socket);
        }
    }

    /** The numbers of the listing line that starts with this text (after its leading blanks). */
    private static List<Long> numbers(String listing, String start) {
        return listing.lines().map(String::strip).filter(l -> l.startsWith(start)).findFirst()
                .map(l -> Arrays.stream(l.substring(start.length()).trim().split("\\s+")).map(Long::parseLong).toList())
                .orElseThrow(() -> new AssertionError("no line " + start + " in\n" + listing));
    }

    /** Waits (bounded) for a listing that satisfies the condition, and returns it. */
    private String awaitListing(Predicate<String> condition, String... args) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String listing = adm(args);
        while (!condition.test(listing)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("listing never matched:\n" + listing);
            }
            Thread.sleep(20);
            listing = adm(args);
        }
        return listing;
    }

    @Test
    void wrrThreeToOneThroughIpvsadmAndExactStats() throws Exception {
        start();
        NamedServer a = server("a", "127.0.41.1", false);
        NamedServer b = server("b", "127.0.41.2", false);
        String vip = reservedVip();
        adm("-A", "-t", vip, "-s", "wrr");
        adm("-a", "-t", vip, "-r", a.endpoint(), "-m", "-w", "3");
        adm("-a", "-t", vip, "-r", b.endpoint(), "-m", "-w", "1");

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            counts.merge(nameFrom(vip), 1, Integer::sum);
        }

        assertEquals(Map.of("a", 300, "b", 100), counts);
        String stats = awaitListing(l -> numbers(l, "-> " + a.endpoint()).get(0) == 300
                && !l.contains("ESTABLISHED"), "-Ln", "--stats", "--exact");
        List<Long> service = numbers(stats, "TCP  " + vip);
        assertEquals(400L, service.get(0), stats);
        assertEquals(0L, service.get(3), "the clients sent nothing");
        assertEquals(300L * 2 + 100L * 2, service.get(4), "each server said its one-letter name and a newline");
        assertEquals(List.of(300L, 0L, 600L), List.of(numbers(stats, "-> " + a.endpoint()).get(0),
                numbers(stats, "-> " + a.endpoint()).get(3), numbers(stats, "-> " + a.endpoint()).get(4)));
        awaitListing(l -> l.lines().filter(x -> x.contains("TIME_WAIT")).count() == 400, "-Lnc");
    }

    @Test
    void connectionListingShowsEstablishedFinWaitAndTimeWait() throws Exception {
        start();
        NamedServer echo = server("echo", "127.0.41.3", false);
        NamedServer bye = server("bye", "127.0.41.4", true);
        String vipEcho = reservedVip();
        String vipBye = reservedVip();
        adm("-A", "-t", vipEcho, "-s", "rr");
        adm("-a", "-t", vipEcho, "-r", echo.endpoint(), "-m");
        adm("-A", "-t", vipBye, "-s", "rr");
        adm("-a", "-t", vipBye, "-r", bye.endpoint(), "-m");

        try (Socket held = connect(vipEcho); Socket finWait = connect(vipBye)) {
            assertEquals("echo", readLine(held));
            held.getOutputStream().write("0123456789\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("0123456789", readLine(held));
            assertEquals("bye", readLine(finWait));

            String lnc = awaitListing(l -> l.contains("FIN_WAIT"), "-Lnc");
            assertTrue(lnc.lines().anyMatch(l -> l.startsWith("TCP") && l.contains("ESTABLISHED")
                    && l.contains(vipEcho) && l.contains(echo.endpoint())), lnc);
            assertTrue(lnc.lines().anyMatch(l -> l.contains("FIN_WAIT") && l.contains(vipBye)), lnc);
            String ln = adm("-Ln");
            assertTrue(ln.lines().anyMatch(l -> l.contains(echo.endpoint()) && l.strip().matches(".*Masq\\s+1\\s+1\\s+0$")), ln);
            assertTrue(ln.lines().anyMatch(l -> l.contains(bye.endpoint()) && l.strip().matches(".*Masq\\s+1\\s+0\\s+1$")), ln);
        }
        String lnc = awaitListing(l -> l.lines().filter(x -> x.contains("TIME_WAIT")).count() == 2, "-Lnc");
        assertTrue(lnc.contains(vipEcho) && lnc.contains(vipBye), lnc);
        String stats = adm("-Ln", "--stats", "--exact");
        List<Long> echoStats = numbers(stats, "TCP  " + vipEcho);
        assertEquals(List.of(1L, 11L, "echo\n0123456789\n".length() + 0L),
                List.of(echoStats.get(0), echoStats.get(3), echoStats.get(4)), stats);
    }

    @Test
    void aRestartedDaemonProxiesItsRestoredServices() throws Exception {
        NamedServer a = server("a", "127.0.41.5", false);
        start();
        String vip = serviceOf(a);
        adm("--set", "100", "20", "30");
        assertEquals("a", nameFrom(vip));
        daemon.close();
        assertThrows(IOException.class, () -> nameFrom(vip), "the engine closed with the daemon");

        start();
        assertEquals("a", nameFrom(vip));
        assertEquals(30, (int) daemon.engine().orElseThrow().query(v -> v.timeouts().udp()).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFullnatServicesLocalAddressesCarryItsConnectionsAndSurviveARestart() throws Exception {
        NamedServer a = server("a", "127.0.41.9", false);
        start();
        String vip = reservedVip();
        adm("-A", "-t", vip, "-s", "rr");
        adm("-a", "-t", vip, "-r", a.endpoint(), "--fullnat");
        adm("-P", "-t", vip, "-z", "127.0.42.1");
        adm("-P", "-t", vip, "-z", "127.0.42.2");
        assertEquals(List.of("255", "", "Local address already exists\n"), admRun("-P", "-t", vip, "-z", "127.0.42.1"));

        try (Socket first = connect(vip); Socket second = connect(vip); Socket third = connect(vip)) {
            for (Socket socket : List.of(first, second, third)) {
                assertEquals("a", readLine(socket));
            }
            String held = awaitListing(l -> numbers(l, "127.0.42.1").equals(List.of(0L, 2L))
                    && numbers(l, "127.0.42.2").equals(List.of(0L, 1L)), "-G", "-t", vip);
            assertEquals(List.of(2L), numbers(held, vip), held);
        }
        awaitListing(l -> numbers(l, "127.0.42.1").equals(List.of(0L, 0L)), "-G");
        daemon.close();

        start();
        assertTrue(adm("-S", "-n").endsWith("-P -t " + vip + " -z 127.0.42.1\n-P -t " + vip + " -z 127.0.42.2\n"));
        adm("-Q", "-t", vip, "-z", "127.0.42.1");
        try (Socket socket = connect(vip)) {
            assertEquals("a", readLine(socket));
            awaitListing(l -> numbers(l, "127.0.42.2").equals(List.of(0L, 1L)), "-G");
        }
    }

    @Test
    void weightZeroThroughIpvsadmDrainsTheServer() throws Exception {
        start();
        NamedServer a = server("a", "127.0.41.6", false);
        NamedServer b = server("b", "127.0.41.7", false);
        String vip = reservedVip();
        adm("-A", "-t", vip, "-s", "wlc");
        adm("-a", "-t", vip, "-r", a.endpoint(), "-m", "-w", "1");
        adm("-a", "-t", vip, "-r", b.endpoint(), "-m", "-w", "1");
        try (Socket first = connect(vip)) {
            String firstName = readLine(first);
            NamedServer drained = firstName.equals("a") ? a : b;
            String other = firstName.equals("a") ? "b" : "a";
            adm("-e", "-t", vip, "-r", drained.endpoint(), "-m", "-w", "0");
            for (int i = 0; i < 5; i++) {
                assertEquals(other, nameFrom(vip));
            }
            first.getOutputStream().write("still\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("still", readLine(first));
        }
    }

    @Test
    void aServiceWhoseListenerCannotBindIsAnErrorAndChangesNothing() throws Exception {
        start();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.ofLiteral(VIP), 0));
            String vip = VIP + ":" + taken.getLocalPort();
            Path snapshot = dir.resolve("state/state.snapshot");
            Path journal = dir.resolve("state/state.journal");
            adm("-A", "-t", reservedVip(), "-s", "rr");
            byte[] snapshotBefore = Files.readAllBytes(snapshot);
            byte[] journalBefore = Files.readAllBytes(journal);
            String listedBefore = adm("-S", "-n");

            List<String> refused = admRun("-A", "-t", vip, "-s", "rr");

            assertEquals(List.of("255", "", "cannot listen on TCP " + vip + ": Address already in use\n"), refused);
            assertEquals(listedBefore, adm("-S", "-n"));
            assertArrayEquals(snapshotBefore, Files.readAllBytes(snapshot));
            assertArrayEquals(journalBefore, Files.readAllBytes(journal));
            assertEquals(1, (int) daemon.engine().orElseThrow().query(v -> v.snapshot().services().size())
                    .get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRestoredServiceWhoseListenerCannotBindDoesNotStopStartupAndIsBoundAtTheNextChange() throws Exception {
        NamedServer a = server("a", "127.0.41.8", false);
        start();
        String vip = serviceOf(a);
        daemon.close();

        try (ServerSocket listening = new ServerSocket()) { // another process's listener on the port
            listening.bind(new InetSocketAddress(InetAddress.ofLiteral(VIP), Integer.parseInt(vip.split(":")[1])));
            start();
            assertTrue(adm("-S", "-n").contains("-A -t " + vip + " -s rr"), "the restored table is whole");
        }
        adm("-Z");
        assertEquals("a", nameFrom(vip));
    }

    @Test
    void aRestoredEntryTheEngineCannotTakeStopsStartupNamingIt() throws Exception {
        Path stateDirectory = dir.resolve("state");
        Files.createDirectories(stateDirectory);
        ServiceSpec sip = new ServiceSpec(new ServiceKey.Address(Protocol.UDP, InetAddress.ofLiteral("10.0.0.9"), 5060),
                "rr", ServiceFlags.PERSISTENT, 300, -1, "sip");
        try (StateFile file = new StateFile(stateDirectory, HostFacts.system(), note -> { })) {
            file.load();
            file.prepare();
            file.replaceWith(new ServiceTable(List.of(ServiceEntry.of(sip)), Timeouts.DEFAULT, List.of()));
        }

        DaemonStartupException e = assertThrows(DaemonStartupException.class, this::start);

        // The rules judge the restored table before any engine sees it.
        assertTrue(e.getMessage().contains("service UDP 10.0.0.9:5060 (scheduler \"rr\", persistence engine \"sip\"):"
                + " jlvs has no SIP persistence engine"), e.getMessage());
        daemon = null;
    }
}
