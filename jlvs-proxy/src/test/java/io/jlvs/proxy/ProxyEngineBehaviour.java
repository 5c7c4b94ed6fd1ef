package io.jlvs.proxy;

import io.jlvs.core.conn.ConnectionSnapshot;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.TrafficStats;
import io.jlvs.core.conn.ConnectionPage;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.EngineRejection;
import io.jlvs.core.engine.ServiceConfig;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.service.VirtualService;
import io.jlvs.testkit.PortReservation;
import io.jlvs.testkit.FakeClock;
import io.jlvs.core.engine.TableSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy engine's behaviour over real loopback sockets, driven through EngineCommand lists: one suite,
 * a thin subclass per transport (as Netty's transport test suites).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ProxyEngineBehaviour {
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final long MIB = 1 << 20;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private ProxyEngine engine;

    /** The engine options of the transport under test. */
    abstract ProxyOptions options();

    @AfterEach
    void closeEverything() throws Exception {
        if (engine != null) {
            engine.close();
        }
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    // ------------------------------------------------------------------ fixtures

    ProxyEngine engine(ProxyOptions options) {
        engine = ProxyEngine.start(options);
        return engine;
    }

    /** An engine whose time moves only when the test moves it. */
    ProxyEngine engine(ProxyOptions options, FakeClock clock) {
        engine = ProxyEngine.start(options, ProxyTransport.select(options.nativeTransport()), clock::nanos);
        return engine;
    }

    ProxyEngine engine() {
        return engine != null ? engine : engine(options());
    }

    /** A loopback address no other test in this JVM uses (127.0.N.M). */
    static String nextAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "127.0." + (10 + n / 250) + "." + (1 + n % 250);
    }

    /** A port nobody listens on, held for the test: connects to it are refused (a dead real server). */
    PortReservation deadServer() throws IOException {
        PortReservation dead = PortReservation.on(InetAddress.ofLiteral(nextAddress()));
        resources.add(dead);
        return dead;
    }

    TcpBackend backend(String name, TcpBackend.Behaviour behaviour) throws IOException {
        TcpBackend backend = TcpBackend.start(name, nextAddress(), behaviour);
        resources.add(backend);
        return backend;
    }

    UdpBackend udpBackend(String name) throws IOException {
        UdpBackend backend = UdpBackend.start(name, nextAddress());
        resources.add(backend);
        return backend;
    }

    static ServiceSpec spec(ServiceKey key, String scheduler, int flags) {
        return new ServiceSpec(key, scheduler, flags, ServiceSpec.DEFAULT_PERSISTENCE_TIMEOUT,
                ServiceSpec.DEFAULT_NETMASK_V4, "");
    }

    static DestinationSpec dest(InetAddress address, int port, int weight) {
        return DestinationSpec.of(address, port, ForwardMethod.MASQ, weight);
    }

    /** A TCP service on a fresh VIP with these real servers (weights in the same order). */
    ServiceKey.Address tcpService(String scheduler, int flags, List<TcpBackend> servers, int... weights)
            throws Exception {
        return tcpServiceTo(scheduler, flags, servers.stream()
                .map(s -> new InetSocketAddress(s.address(), s.port())).toList(), weights);
    }

    /**
     * A TCP service on a fresh VIP and a port reserved for the whole test (never a port picked,
     * released and bound later, which another process may take in between); while the engine does
     * not listen on it, connects to it are refused.
     */
    ServiceKey.Address tcpServiceTo(String scheduler, int flags, List<InetSocketAddress> servers, int... weights)
            throws Exception {
        PortReservation vip = PortReservation.on(InetAddress.ofLiteral(nextAddress()));
        resources.add(vip);
        ServiceKey.Address key = new ServiceKey.Address(Protocol.TCP, vip.address(), vip.port());
        List<EngineCommand> commands = new ArrayList<>();
        commands.add(new EngineCommand.AddService(spec(key, scheduler, flags)));
        for (int i = 0; i < servers.size(); i++) {
            commands.add(new EngineCommand.AddDestination(key,
                    dest(servers.get(i).getAddress(), servers.get(i).getPort(), weights[i])));
        }
        apply(commands.toArray(EngineCommand[]::new));
        return key;
    }

    /** Applies commands and waits (bounded) until they are in effect. */
    void apply(EngineCommand... commands) throws Exception {
        engine().apply(List.of(commands)).get(5, TimeUnit.SECONDS);
    }

    <T> T query(Function<EngineView, T> reader) throws Exception {
        return engine().query(reader).get(5, TimeUnit.SECONDS);
    }

    /** Waits (bounded) for the engine to catch up with what the sockets already did. */
    void awaitEngine(String what, Function<EngineView, Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!query(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the engine never reached: " + what);
            }
            Thread.sleep(10);
        }
    }

    static TableSnapshot.Destination server(EngineView view, ServiceKey key, TcpBackend backend) {
        return view.snapshot().service(key).destination(backend.address(), backend.port());
    }

    static Socket connect(ServiceKey.Address key, String source) throws IOException {
        Socket socket = new Socket();
        if (source != null) {
            socket.bind(new InetSocketAddress(InetAddress.ofLiteral(source), 0));
        }
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress(key.address(), key.port()), 5_000);
        return socket;
    }

    static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("end of stream after " + line);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Connects, reads the real server's name, closes. */
    static String nameFrom(ServiceKey.Address key, String source) throws IOException {
        try (Socket socket = connect(key, source)) {
            return readLine(socket);
        }
    }

    static String echo(Socket socket, String text) throws IOException {
        socket.getOutputStream().write((text + "\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return readLine(socket);
    }

    // ------------------------------------------------------------------ scheduling

    @Test
    void wrrThreeToOneOver400ConnectionsIsExactly300To100() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        TcpBackend b = backend("b", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("wrr", 0, List.of(a, b), 3, 1);

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            counts.merge(nameFrom(key, null), 1, Integer::sum);
        }

        assertEquals(Map.of("a", 300, "b", 100), counts);
        assertEquals(300, a.accepted());
        awaitEngine("every connection closed", v -> v.openTcpConnections() == 0);
        assertEquals(400L, (long) query(v -> v.snapshot().service(key).stats().conns()));
        assertEquals(300L, (long) query(v -> server(v, key, a).stats().conns()));
        assertEquals(0L, (long) query(EngineView::connectFailures));
    }

    @Test
    void aProxyProtocolServiceTellsTheRealServerTheClientsAddressFirst() throws Exception {
        TcpBackend a = backend("a", TcpBackend.FIRST_LINE);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        apply(new EngineCommand.EditService(spec(key, "rr", 0).withProxyProtocol(ProxyProtocol.V1)));
        String client = nextAddress();
        try (Socket socket = connect(key, client)) {
            String expected = "PROXY TCP4 " + client + " " + key.address().getHostAddress() + " "
                    + socket.getLocalPort() + " " + key.port() + "\r";
            assertEquals(expected, readLine(socket));
        }
    }

    @Test
    void leastConnectionSendsNewConnectionsToTheIdleServer() throws Exception {
        TcpBackend busy = backend("busy", TcpBackend.NAME_THEN_ECHO);
        TcpBackend idle = backend("idle", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("lc", 0, List.of(busy), 1);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = connect(key, null);
                held.add(socket);
                assertEquals("busy", readLine(socket));
            }
            apply(new EngineCommand.AddDestination(key, dest(idle.address(), idle.port(), 1)));

            for (int i = 0; i < 10; i++) {
                assertEquals("idle", nameFrom(key, null), "connection " + i);
            }

            awaitEngine("short connections closed", v -> v.openTcpConnections() == 4);
            assertEquals(List.of(4, 0), query(v -> List.of(server(v, key, busy).activeConns(),
                    server(v, key, busy).inactConns())));
            assertEquals(List.of(0, 10), query(v -> List.of(server(v, key, idle).activeConns(),
                    server(v, key, idle).inactConns())));
            for (Socket socket : held) {
                assertEquals("still here", echo(socket, "still here"));
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void persistenceKeepsOneClientAddressOnOneServer() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        TcpBackend b = backend("b", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", ServiceFlags.PERSISTENT, List.of(a, b), 1, 1);
        String first = nextAddress();
        String second = nextAddress();

        String firstServer = nameFrom(key, first);
        String secondServer = nameFrom(key, second);
        for (int i = 0; i < 20; i++) {
            assertEquals(firstServer, nameFrom(key, first));
            assertEquals(secondServer, nameFrom(key, second));
        }

        assertTrue(!firstServer.equals(secondServer), "rr gave the second client's template the other server");
        List<ConnectionSnapshot> templates = query(v -> v.connections().stream()
                .filter(ConnectionSnapshot::template).toList());
        assertEquals(2, templates.size());
        assertEquals(0, templates.getFirst().clientPort());
    }

    @Test
    void weightZeroDrainsTheServerWhileItsConnectionsKeepWorking() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        TcpBackend b = backend("b", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a, b), 1, 1);
        try (Socket one = connect(key, null); Socket two = connect(key, null)) {
            Map<String, Socket> byServer = Map.of(readLine(one), one, readLine(two), two);
            assertEquals(2, byServer.size());

            apply(new EngineCommand.EditDestination(key, dest(a.address(), a.port(), 0)));

            for (int i = 0; i < 10; i++) {
                assertEquals("b", nameFrom(key, null));
            }
            assertEquals("drained but alive", echo(byServer.get("a"), "drained but alive"));
            assertEquals(1, (int) query(v -> server(v, key, a).activeConns()));
        }
    }

    @Test
    void theCurrentSchedulerIsUsedFromTheNextConnection() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        TcpBackend b = backend("b", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a, b), 1, 5);
        assertEquals(List.of("b", "a", "b", "a"), List.of(nameFrom(key, null), nameFrom(key, null),
                nameFrom(key, null), nameFrom(key, null)));

        apply(new EngineCommand.EditService(spec(key, "wrr", 0)));

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            counts.merge(nameFrom(key, null), 1, Integer::sum);
        }
        assertEquals(Map.of("a", 2, "b", 10), counts);
    }

    // ------------------------------------------------------------------ TCP semantics

    @Test
    void halfCloseLetsTheServerAnswerAfterTheClientsEndOfStream() throws Exception {
        TcpBackend a = backend("a", TcpBackend.REPLY_AFTER_EOF);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        try (Socket socket = connect(key, null)) {
            socket.getOutputStream().write(new byte[1000]);
            socket.shutdownOutput();

            assertEquals("a 1000", readLine(socket));
            assertEquals(-1, socket.getInputStream().read());
        }
        awaitEngine("the connection in TIME_WAIT", v -> v.connections().stream()
                .anyMatch(c -> c.state().equals("TIME_WAIT")) && v.openTcpConnections() == 0);
        assertEquals(List.of(0, 1), query(v -> List.of(server(v, key, a).activeConns(), server(v, key, a).inactConns())));
        TrafficStats stats = query(v -> v.snapshot().service(key).stats());
        assertEquals(1000L, stats.inBytes());
        assertEquals("a 1000\n".length(), stats.outBytes());
    }

    @Test
    void theStatesFollowTheSocketsEstablishedFinWaitTimeWait() throws Exception {
        TcpBackend a = backend("a", (socket, name) -> {
            // Says its name and closes at once: the server's FIN comes first.
            socket.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
        });
        TcpBackend b = backend("b", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address serverCloses = tcpService("rr", 0, List.of(a), 1);
        ServiceKey.Address open = tcpService("rr", 0, List.of(b), 1);
        try (Socket held = connect(open, null); Socket finWait = connect(serverCloses, null)) {
            assertEquals("b", readLine(held));
            assertEquals("a", readLine(finWait));
            assertEquals(-1, finWait.getInputStream().read());
            awaitEngine("FIN_WAIT", v -> stateOf(v, serverCloses).equals("FIN_WAIT"));
            assertEquals("ESTABLISHED", query(v -> stateOf(v, open)));
            assertEquals(List.of(1, 0), query(v -> List.of(server(v, open, b).activeConns(), server(v, open, b).inactConns())));
            assertEquals(List.of(0, 1), query(v -> List.of(server(v, serverCloses, a).activeConns(),
                    server(v, serverCloses, a).inactConns())));
        }
        awaitEngine("TIME_WAIT", v -> stateOf(v, serverCloses).equals("TIME_WAIT"));
    }

    private static String stateOf(EngineView view, ServiceKey.Address key) {
        return view.connections().stream().filter(c -> c.virtualPort() == key.port()
                && c.virtualAddress().equals(key.address())).map(ConnectionSnapshot::state).findFirst().orElse("none");
    }

    /**
     * The real server answers and half-closes at once, then reads a large upload slowly, so the
     * engine must keep writing (and wait for writability) on a socket whose input is shut down.
     * Netty 4.2.17's epoll transport loses such a socket's epoll registration and drops the data;
     * this is why jlvs stays on Netty 4.1 for now.
     */
    @Test
    void anUploadAfterTheServersFinArrivesWhole() throws Exception {
        long size = 32 * MIB;
        CompletableFuture<long[]> serverSaw = new CompletableFuture<>();
        TcpBackend a = backend("a", (socket, name) -> {
            socket.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            serverSaw.complete(receive(socket.getInputStream()));
        });
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        try (Socket socket = connect(key, null)) {
            socket.setSoTimeout(60_000);
            assertEquals("ok", readLine(socket));
            assertEquals(-1, socket.getInputStream().read(), "the server's FIN is relayed");
            sendPattern(socket.getOutputStream(), 3, size);
            socket.shutdownOutput();
            long[] server = serverSaw.get(60, TimeUnit.SECONDS);
            assertEquals(size, server[0]);
            assertEquals(patternCrc(3, size), server[1]);
        }
    }

    @Test
    void a100MiBTransferArrivesByteIdenticalInBothDirections() throws Exception {
        long size = 100 * MIB;
        CompletableFuture<long[]> serverSaw = new CompletableFuture<>();
        TcpBackend a = backend("a", (socket, name) -> {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    sendPattern(socket.getOutputStream(), 2, size);
                    socket.shutdownOutput();
                } catch (IOException ignored) {
                    // the reader reports
                }
            });
            serverSaw.complete(receive(socket.getInputStream()));
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        long[] clientSaw;
        try (Socket socket = connect(key, null)) {
            socket.setSoTimeout(60_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    sendPattern(socket.getOutputStream(), 1, size);
                    socket.shutdownOutput();
                } catch (IOException ignored) {
                    // the assertions report
                }
            });
            clientSaw = receive(socket.getInputStream());
            writer.join();
        }

        assertEquals(size, clientSaw[0]);
        assertEquals(patternCrc(2, size), clientSaw[1]);
        long[] server = serverSaw.get(60, TimeUnit.SECONDS);
        assertEquals(size, server[0]);
        assertEquals(patternCrc(1, size), server[1]);
        awaitEngine("the connection closed", v -> v.openTcpConnections() == 0);
        TrafficStats stats = query(v -> v.snapshot().service(key).stats());
        assertEquals(List.of(1L, size, size), List.of(stats.conns(), stats.inBytes(), stats.outBytes()));
        TrafficStats dest = query(v -> server(v, key, a).stats());
        assertEquals(stats, dest);
        assertTrue(stats.inPackets() > 0 && stats.outPackets() > 0);
    }

    private static void sendPattern(OutputStream out, long seed, long size) throws IOException {
        Random random = new Random(seed);
        byte[] block = new byte[64 * 1024];
        for (long sent = 0; sent < size; sent += block.length) {
            random.nextBytes(block);
            out.write(block, 0, (int) Math.min(block.length, size - sent));
        }
        out.flush();
    }

    private static long patternCrc(long seed, long size) {
        Random random = new Random(seed);
        CRC32 crc = new CRC32();
        byte[] block = new byte[64 * 1024];
        for (long sent = 0; sent < size; sent += block.length) {
            random.nextBytes(block);
            crc.update(block, 0, (int) Math.min(block.length, size - sent));
        }
        return crc.getValue();
    }

    /** Reads to end of stream: {bytes, CRC32}. */
    private static long[] receive(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            crc.update(buffer, 0, n);
            total += n;
        }
        return new long[] {total, crc.getValue()};
    }

    @Test
    void aKilledServerIsSkippedByRetriesAndItsFailuresAreCounted() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        TcpBackend b = backend("b", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a, b), 1, 1);
        assertEquals(List.of("b", "a"), List.of(nameFrom(key, null), nameFrom(key, null)));

        b.kill();
        for (int i = 0; i < 10; i++) {
            assertEquals("a", nameFrom(key, null), "connection " + i);
        }

        long failures = query(EngineView::connectFailures);
        assertTrue(failures >= 5, "rr offered the dead server every other time: " + failures);
        assertEquals(0L, (long) query(EngineView::clientResets));
        // Each failed attempt was a connection the dead server was given, as the kernel counts it.
        assertEquals(1 + failures, (long) query(v -> server(v, key, b).stats().conns()));
        assertEquals(11L, (long) query(v -> server(v, key, a).stats().conns()));
    }

    @Test
    void aClientIsResetWhenEveryAttemptFails() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        a.kill();

        // The reset may already reach the client while its connect() returns.
        assertThrows(SocketException.class, () -> {
            try (Socket socket = connect(key, null)) {
                socket.getInputStream().read();
            }
        });

        awaitEngine("the reset counted", v -> v.clientResets() == 1);
        assertEquals(1L, (long) query(EngineView::connectFailures));
        assertEquals("CLOSE", query(v -> v.connections().getFirst().state()));
    }

    /**
     * Every other connection is offered the dead server first (rr), fails there and is retried on
     * the live one: 500 failed connects, each of which once left its socket open for good.
     */
    @Test
    void failedConnectsToADeadRealServerLeaveTheDescriptorCountWhereItWas() throws Exception {
        TcpBackend live = backend("live", TcpBackend.NAME_THEN_ECHO);
        PortReservation dead = deadServer();
        ServiceKey.Address key = tcpServiceTo("rr", 0, List.of(new InetSocketAddress(live.address(), live.port()),
                dead.socketAddress()), 1, 1);
        for (int i = 0; i < 20; i++) {
            assertEquals("live", nameFrom(key, null), "warm-up connection " + i);
        }
        awaitEngine("the warm-up connections closed", v -> v.openTcpConnections() == 0);
        long before = OpenDescriptors.count();

        for (int i = 0; i < 1_000; i++) {
            assertEquals("live", nameFrom(key, null), "connection " + i);
        }

        awaitEngine("every connection closed", v -> v.openTcpConnections() == 0);
        assertTrue(query(EngineView::connectFailures) >= 500, "the dead server was tried every other time");
        OpenDescriptors.awaitAtMost(before + 10, Duration.ofSeconds(10));
    }

    UnansweredPort unansweredServer() throws IOException {
        UnansweredPort port = UnansweredPort.open(nextAddress());
        resources.add(port);
        return port;
    }

    @Test
    void connectTimeoutsLeaveTheDescriptorCountWhereItWas() throws Exception {
        engine(options().withConnectAttempts(1).withConnectTimeout(Duration.ofMillis(50)));
        ServiceKey.Address key = tcpServiceTo("rr", 0, List.of(unansweredServer().socketAddress()), 1);
        assertEquals("reset", answerOrReset(key, new Socket()), "warm-up");
        awaitEngine("the warm-up connection closed", v -> v.openTcpConnections() == 0);
        long before = OpenDescriptors.count();

        for (int i = 0; i < 40; i++) {
            try (Socket socket = new Socket()) {
                assertEquals("reset", answerOrReset(key, socket), "connection " + i);
            }
        }

        awaitEngine("every connection closed", v -> v.openTcpConnections() == 0 && v.openSockets() == 1);
        assertEquals(List.of(41L, 41L), query(v -> List.of(v.connectFailures(), v.clientResets())));
        OpenDescriptors.awaitAtMost(before + 10, Duration.ofSeconds(10));
    }

    /** Epoll sees each client's reset at once and drops its connect; NIO (no read interest yet) at the timeout. */
    @Test
    void clientsThatResetWhileTheirConnectIsPendingLeaveNoDescriptor() throws Exception {
        engine(options().withConnectTimeout(Duration.ofMillis(200)));
        ServiceKey.Address key = tcpServiceTo("rr", 0, List.of(unansweredServer().socketAddress()), 1);
        long before = OpenDescriptors.count();

        for (int i = 0; i < 40; i++) {
            Socket socket = connect(key, null);
            socket.setSoLinger(true, 0);
            socket.close();
        }

        awaitEngine("every connection closed", v -> v.openTcpConnections() == 0 && v.openSockets() == 1);
        OpenDescriptors.awaitAtMost(before + 10, Duration.ofSeconds(10));
    }

    @Test
    void closingTheEngineDuringConnectsLeavesNoDescriptor() throws Exception {
        long before = OpenDescriptors.count();
        engine(options().withDrainTimeout(Duration.ofMillis(100)));
        ServiceKey.Address key = tcpServiceTo("rr", 0, List.of(unansweredServer().socketAddress()), 1);
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                clients.add(connect(key, null));
            }
            awaitEngine("every connect pending", v -> v.openTcpConnections() == 40);

            engine().close();

            for (Socket client : clients) {
                assertThrows(IOException.class, () -> {
                    if (client.getInputStream().read() < 0) {
                        throw new IOException("closed");
                    }
                });
            }
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
        // The unanswered server's own sockets are still open: the listener and its queue's fillers.
        OpenDescriptors.awaitAtMost(before + 10 + 1 + 16, Duration.ofSeconds(10));
    }

    @Test
    void aTableFullAtMaxConnectionsResetsTheNextClient() throws Exception {
        engine(options().withMaxConnections(3));
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        for (int i = 0; i < 3; i++) {
            assertEquals("a", nameFrom(key, null), "connection " + i);
        }
        // The three closed connections' entries linger (TIME_WAIT, CLOSE) in every slot there is.
        // The reset may already reach the client while its connect() returns.
        assertThrows(SocketException.class, () -> {
            try (Socket socket = connect(key, null)) {
                socket.getInputStream().read();
            }
        });

        awaitEngine("the refusal counted", v -> v.clientResets() == 1);
        assertEquals(1L, (long) query(EngineView::unscheduled));
        assertEquals(0L, (long) query(EngineView::connectFailures));
        assertEquals(3, (int) query(EngineView::connectionEntries));
    }

    /**
     * A budget of two listeners and 20 connections: of 30 clients that hold on, 20 are served and 10
     * reset at once and counted; the budget is the engine's, so while it is full every service resets
     * new clients, and each serves again as soon as sockets close.
     */
    @Test
    void clientsBeyondTheDescriptorBudgetAreResetAndCountedAndServedAgainOnceSocketsClose() throws Exception {
        int connections = 20;
        engine(options().withMaxOpenSockets(2 + connections * ProxyOptions.SOCKETS_PER_TCP_CONNECTION));
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        TcpBackend b = backend("b", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address busy = tcpService("rr", 0, List.of(a), 1);
        ServiceKey.Address other = tcpService("rr", 0, List.of(b), 1);
        List<Socket> served = new ArrayList<>();
        List<Socket> held = new ArrayList<>();
        try {
            int reset = 0;
            for (int i = 0; i < 30; i++) {
                Socket socket = new Socket();
                held.add(socket);
                if (answerOrReset(busy, socket).equals("a")) {
                    served.add(socket);
                } else {
                    reset++;
                }
            }

            assertEquals(List.of(connections, 10), List.of(served.size(), reset));
            assertEquals(List.of(10L, 0L, 2L + 2 * connections), query(v -> List.of(v.descriptorLimitResets(),
                    v.clientResets(), (long) v.openSockets())));
            try (Socket whileFull = new Socket()) {
                assertEquals("reset", answerOrReset(other, whileFull), "the budget is the engine's, not the service's");
            }

            served.removeFirst().close();
            awaitEngine("one connection closed", v -> v.openTcpConnections() == connections - 1);
            assertEquals("b", nameFrom(other, null), "the other service serves as soon as there is room");
            for (Socket socket : served) {
                assertEquals("still here", echo(socket, "still here"));
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        awaitEngine("every connection closed", v -> v.openTcpConnections() == 0 && v.openSockets() == 2);
        held.clear();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = connect(busy, null);
                held.add(socket);
                assertEquals("a", readLine(socket), "connection " + i + " after the release");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        assertEquals(11L, (long) query(EngineView::descriptorLimitResets));
    }

    /**
     * Connects the socket and reads the real server's first line, or "reset" when the engine reset the
     * client (the reset may already reach the client while its connect returns).
     */
    private static String answerOrReset(ServiceKey.Address key, Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        try {
            socket.connect(new InetSocketAddress(key.address(), key.port()), 5_000);
            return readLine(socket);
        } catch (SocketException e) {
            return "reset";
        }
    }

    @Test
    void deletingAServerLetsItsConnectionsRunUnlessExpireNodestConn() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        TcpBackend b = backend("b", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        try (Socket socket = connect(key, null)) {
            assertEquals("a", readLine(socket));
            apply(new EngineCommand.AddDestination(key, dest(b.address(), b.port(), 1)),
                    new EngineCommand.DeleteDestination(key, a.address(), a.port()));
            assertEquals("b", nameFrom(key, null));
            assertEquals("after delete", echo(socket, "after delete"));
        }
    }

    @Test
    void expireNodestConnClosesADeletedServersConnections() throws Exception {
        engine(options().withExpireNodestConn(true));
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        try (Socket socket = connect(key, null)) {
            assertEquals("a", readLine(socket));
            apply(new EngineCommand.DeleteDestination(key, a.address(), a.port()));
            assertThrows(IOException.class, () -> echo(socket, "gone"));
        }
        assertEquals(0, (int) query(EngineView::openTcpConnections));
    }

    @Test
    void deletingAServiceClosesItsListener() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        assertTrue((boolean) query(v -> v.listening().contains(key)));

        apply(new EngineCommand.DeleteService(key));

        assertTrue((boolean) query(v -> v.listening().isEmpty()));
        assertThrows(IOException.class, () -> nameFrom(key, null));
    }

    @Test
    void unproxiableServicesAreSkipped() throws Exception {
        String vip = nextAddress();
        ServiceKey mark = new ServiceKey.Mark(io.jlvs.core.model.AddressFamily.INET, 7);
        ServiceKey portZero = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral(vip), 0);
        ServiceKey sctp = new ServiceKey.Address(Protocol.SCTP, InetAddress.ofLiteral(vip), 5000);
        apply(new EngineCommand.AddService(spec(mark, "rr", 0)),
                new EngineCommand.AddService(spec(portZero, "rr", ServiceFlags.PERSISTENT)),
                new EngineCommand.AddService(spec(sctp, "rr", 0)));
        assertEquals(3, (int) query(v -> v.snapshot().services().size()));
        assertTrue((boolean) query(v -> v.listening().isEmpty()));
    }

    // ------------------------------------------------------------------ commands that fail

    /** A listening TCP socket on a fresh loopback address, held until the test ends. */
    ServerSocket takenPort() throws IOException {
        ServerSocket taken = new ServerSocket();
        taken.bind(new InetSocketAddress(InetAddress.ofLiteral(nextAddress()), 0));
        resources.add(taken);
        return taken;
    }

    static ServiceKey.Address tcpKey(ServerSocket taken) {
        return new ServiceKey.Address(Protocol.TCP, taken.getInetAddress(), taken.getLocalPort());
    }

    @Test
    void aServiceWhoseListenerCannotBindIsRefusedAndUndoneAndTheCommandsBeforeItStay() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        PortReservation held = PortReservation.on(InetAddress.ofLiteral(nextAddress()));
        resources.add(held);
        ServiceKey.Address first = new ServiceKey.Address(Protocol.TCP, held.address(), held.port());
        ServiceKey.Address taken = tcpKey(takenPort());

        ExecutionException failed = assertThrows(ExecutionException.class, () -> engine().apply(List.of(
                new EngineCommand.AddService(spec(first, "rr", 0)),
                new EngineCommand.AddDestination(first, dest(a.address(), a.port(), 1)),
                new EngineCommand.AddService(spec(taken, "rr", 0)),
                new EngineCommand.AddDestination(taken, dest(a.address(), a.port(), 1)))).get(5, TimeUnit.SECONDS));

        EngineRejection rejection = (EngineRejection) failed.getCause();
        assertEquals(2, rejection.index());
        assertEquals("cannot listen on TCP " + taken.address().getHostAddress() + ":" + taken.port()
                + ": Address already in use", rejection.getMessage());
        assertEquals(List.of(first), query(v -> v.snapshot().services().stream().map(s -> s.spec().key()).toList()));
        assertEquals(Set.of(first), query(EngineView::listening));
        assertEquals("a", nameFrom(first, null));
    }

    @Test
    void aListenerBeyondTheDescriptorBudgetIsRefusedSoJlvsdKeepsItsOwnDescriptors() throws Exception {
        engine(options().withMaxOpenSockets(2));
        List<ServiceKey.Address> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PortReservation held = PortReservation.on(InetAddress.ofLiteral(nextAddress()));
            resources.add(held);
            keys.add(new ServiceKey.Address(Protocol.TCP, held.address(), held.port()));
        }

        ExecutionException failed = assertThrows(ExecutionException.class, () -> engine().apply(
                keys.stream().<EngineCommand>map(k -> new EngineCommand.AddService(spec(k, "rr", 0))).toList())
                .get(5, TimeUnit.SECONDS));

        EngineRejection rejection = (EngineRejection) failed.getCause();
        assertEquals(2, rejection.index());
        assertEquals("cannot listen on " + EngineCore.describe(keys.get(2)) + ": the proxy engine's descriptor"
                + " budget is spent (2 sockets open of 2); raise the descriptor limit (LimitNOFILE=)",
                rejection.getMessage());
        assertEquals(Set.copyOf(keys.subList(0, 2)), query(EngineView::listening));
        assertEquals(2, (int) query(EngineView::openSockets));
    }

    @Test
    void aRestoredTableIsTakenEvenWhereAListenerCannotBindWhichIsTriedAgainAtTheNextChange() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        ServerSocket holder = takenPort();
        ServiceKey.Address taken = tcpKey(holder);

        engine().apply(List.of(new EngineCommand.LoadTable(List.of(new ServiceConfig(spec(taken, "rr", 0),
                List.of(dest(a.address(), a.port(), 1)))), Timeouts.DEFAULT))).get(5, TimeUnit.SECONDS);

        assertEquals(1, (int) query(v -> v.snapshot().services().size()));
        assertTrue((boolean) query(v -> v.listening().isEmpty()));
        holder.close();
        apply(new EngineCommand.Zero(null));
        assertEquals(Set.of(taken), query(EngineView::listening));
        assertEquals("a", nameFrom(taken, null));
    }

    @Test
    void listenersThatFailToBindAtEveryRetryGiveTheirSocketsBack() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address taken = tcpKey(takenPort());
        engine().apply(List.of(new EngineCommand.LoadTable(List.of(new ServiceConfig(spec(taken, "rr", 0),
                List.of(dest(a.address(), a.port(), 1)))), Timeouts.DEFAULT))).get(5, TimeUnit.SECONDS);
        int openAfterLoad = query(EngineView::openSockets);
        long before = OpenDescriptors.count();

        for (int i = 0; i < 50; i++) {
            apply(new EngineCommand.Zero(null)); // each change tries the listener again
        }

        assertEquals(openAfterLoad, (int) query(EngineView::openSockets));
        assertTrue((boolean) query(v -> v.listening().isEmpty()));
        OpenDescriptors.awaitAtMost(before + 10, Duration.ofSeconds(10));
    }

    @Test
    void handBuiltListenersServeEachOfManyServicesOnOnePort() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        // held on every address (never listening), so no other process takes the port meanwhile
        PortReservation held = PortReservation.on(InetAddress.ofLiteral("0.0.0.0"));
        resources.add(held);
        int port = held.port();
        List<ServiceKey.Address> keys = new ArrayList<>();
        List<EngineCommand> commands = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ServiceKey.Address key = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral(nextAddress()), port);
            keys.add(key);
            commands.add(new EngineCommand.AddService(spec(key, "rr", 0)));
            commands.add(new EngineCommand.AddDestination(key, dest(a.address(), a.port(), 1)));
        }

        engine().apply(commands).get(5, TimeUnit.SECONDS);

        assertEquals(Set.copyOf(keys), query(EngineView::listening));
        for (ServiceKey.Address key : keys) {
            assertEquals("a", nameFrom(key, null));
        }
    }

    @Test
    void aServiceWithoutASchedulerIsListenedForAndResetsClientsWithoutATemplate() throws Exception {
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("none", 0, List.of(a), 1);
        assertEquals(Set.of(key), query(EngineView::listening));

        assertThrows(IOException.class, () -> {
            try (Socket socket = connect(key, null)) {
                if (socket.getInputStream().read() < 0) {
                    throw new IOException("end of stream");
                }
            }
        });

        awaitEngine("the client reset and counted", v -> v.clientResets() == 1 && v.unscheduled() == 1);
        assertEquals(0, a.accepted());
    }

    @Test
    void aMillionEntryListingIsCopiedInShortLoopTasksWhileConnectionsAreServed() throws Exception {
        engine(options().withMaxConnections(1 << 21), new FakeClock()); // no entry expires meanwhile
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        int entries = 1_000_000;
        engine().onLoop(core -> {
            VirtualService service = core.engine.lookup(Protocol.TCP, key.address(), key.port(), 0);
            for (int i = 0; i < entries; i++) {
                core.flow.set(Protocol.TCP, InetAddress.ofLiteral("10." + (i >> 16) + "." + (i >> 8 & 255) + "."
                        + (i & 255)), 1024, key.address(), key.port());
                core.engine.schedule(service, core.flow);
            }
        }).get(60, TimeUnit.SECONDS);

        CompletableFuture<int[]> listing = CompletableFuture.supplyAsync(() -> {
            ConnectionPage page = new ConnectionPage(4096, 16384);
            int[] pagesRowsMaxSlots = new int[3];
            int next = 0;
            try {
                do {
                    engine().copyConnections(page, next).get(5, TimeUnit.SECONDS);
                    next = page.nextSlot();
                    pagesRowsMaxSlots[0]++;
                    pagesRowsMaxSlots[1] += page.rows();
                    pagesRowsMaxSlots[2] = Math.max(pagesRowsMaxSlots[2], page.slotsLookedAt());
                    for (int r = 0; r < page.rows(); r++) {
                        page.snapshot(r); // formatted off the loop
                    }
                } while (next != ConnectionPage.END);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return pagesRowsMaxSlots;
        });
        int served = 0;
        try (Socket socket = connect(key, null)) {
            assertEquals("a", readLine(socket));
            while (!listing.isDone()) {
                assertEquals("ping " + served, echo(socket, "ping " + served));
                served++;
            }
        }

        int[] result = listing.get(60, TimeUnit.SECONDS);
        assertEquals(entries + 1, result[1], "every entry listed once (the echo connection too)");
        assertTrue(result[0] >= entries / 4096, "pages: " + result[0]);
        assertTrue(result[2] <= 16384, "the most slots one loop task looked at: " + result[2]);
        assertTrue(served > 0, "connections were served while the table was listed");
    }

    // ------------------------------------------------------------------ FULLNAT local addresses

    /** A TCP service to one --fullnat real server with these local addresses, in this order. */
    ServiceKey.Address fullnatService(TcpBackend server, String... locals) throws Exception {
        ServiceKey.Address key = tcpService("rr", 0, List.of(server), 1);
        List<EngineCommand> commands = new ArrayList<>();
        commands.add(new EngineCommand.EditDestination(key,
                DestinationSpec.of(server.address(), server.port(), ForwardMethod.FULLNAT, 1)));
        for (String local : locals) {
            commands.add(new EngineCommand.AddLocalAddress(key, InetAddress.ofLiteral(local)));
        }
        apply(commands.toArray(EngineCommand[]::new));
        return key;
    }

    static List<Integer> localConnections(EngineView view, ServiceKey key) {
        return view.snapshot().service(key).localAddresses().stream().map(TableSnapshot.LocalAddress::connections)
                .toList();
    }

    @Test
    void aFullnatServicesConnectionsLeaveFromItsLocalAddressesInTurnAndAreCountedOnThem() throws Exception {
        TcpBackend server = backend("s", TcpBackend.PEER_THEN_ECHO);
        String first = nextAddress();
        String second = nextAddress();
        ServiceKey.Address key = fullnatService(server, first, second);
        List<Socket> held = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket socket = connect(key, null);
                held.add(socket);
                sources.add(readLine(socket));
            }
            assertEquals(List.of(first, second, first, second, first), sources);
            awaitEngine("3 and 2 connections on the local addresses",
                    v -> localConnections(v, key).equals(List.of(3, 2)));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        awaitEngine("no connection left on the local addresses", v -> localConnections(v, key).equals(List.of(0, 0)));
        assertEquals(List.of(0L, 0L), query(v -> v.snapshot().service(key).localAddresses().stream()
                .map(TableSnapshot.LocalAddress::conflicts).toList()));
    }

    @Test
    void aLocalAddressNotOnThisHostCountsAConflictAndTheNextOneServes() throws Exception {
        TcpBackend server = backend("s", TcpBackend.PEER_THEN_ECHO);
        String usable = nextAddress();
        // TEST-NET-1: on no host, so binding to it fails with EADDRNOTAVAIL
        ServiceKey.Address key = fullnatService(server, "192.0.2.1", usable);

        assertEquals(usable, nameFrom(key, null));
        assertEquals(usable, nameFrom(key, null));

        TableSnapshot.Service service = query(v -> v.snapshot().service(key));
        assertEquals(List.of(2L, 0L), service.localAddresses().stream().map(TableSnapshot.LocalAddress::conflicts).toList());
        assertEquals(0L, (long) query(EngineView::connectFailures));
    }

    @Test
    void whenNoLocalAddressCanBeBoundTheAttemptFailsAndTheClientIsReset() throws Exception {
        TcpBackend server = backend("s", TcpBackend.PEER_THEN_ECHO);
        ServiceKey.Address key = fullnatService(server, "192.0.2.1");

        assertThrows(IOException.class, () -> nameFrom(key, null));

        assertEquals(0, server.accepted());
        awaitEngine("the failed attempt counted", v -> v.connectFailures() == 1);
        assertEquals(1L, (long) query(v -> v.snapshot().service(key).localAddresses().getFirst().conflicts()));
    }

    @Test
    void realServersThatAreNotFullnatLeaveFromTheHostsOwnAddress() throws Exception {
        TcpBackend server = backend("s", TcpBackend.PEER_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(server), 1);
        String local = nextAddress();
        apply(new EngineCommand.AddLocalAddress(key, InetAddress.ofLiteral(local)));

        String source = nameFrom(key, null);

        assertNotEquals(local, source, "a masquerading real server's connection is not bound (the kernel picks)");
        assertEquals(List.of(0), query(v -> localConnections(v, key)));
    }

    @Test
    void udpSessionsToAFullnatServerLeaveFromTheLocalAddressesInTurn() throws Exception {
        UdpBackend a = udpBackend("a");
        ServiceKey.Address key = udpService(0, List.of(a));
        String first = nextAddress();
        String second = nextAddress();
        apply(new EngineCommand.EditDestination(key, DestinationSpec.of(a.address(), a.port(), ForwardMethod.FULLNAT, 1)),
                new EngineCommand.AddLocalAddress(key, InetAddress.ofLiteral(first)),
                new EngineCommand.AddLocalAddress(key, InetAddress.ofLiteral(second)));
        for (int client = 0; client < 2; client++) {
            try (DatagramSocket socket = udpClient()) {
                assertEquals("a", ask(socket, key, "hello " + client));
            }
        }

        assertEquals(Set.of(InetAddress.ofLiteral(first), InetAddress.ofLiteral(second)), a.sources());
        assertEquals(List.of(1, 1), query(v -> localConnections(v, key)));
    }

    // ------------------------------------------------------------------ UDP

    /**
     * A UDP service on a fresh VIP and a reserved port; the reservation ends once the engine's socket
     * holds the port, since two SO_REUSEADDR UDP sockets would share its datagrams.
     */
    ServiceKey.Address udpService(int flags, List<UdpBackend> servers) throws Exception {
        try (PortReservation vip = PortReservation.udpOn(InetAddress.ofLiteral(nextAddress()))) {
            ServiceKey.Address key = new ServiceKey.Address(Protocol.UDP, vip.address(), vip.port());
            List<EngineCommand> commands = new ArrayList<>();
            commands.add(new EngineCommand.AddService(spec(key, "rr", flags)));
            for (UdpBackend s : servers) {
                commands.add(new EngineCommand.AddDestination(key, dest(s.address(), s.port(), 1)));
            }
            apply(commands.toArray(EngineCommand[]::new));
            return key;
        }
    }

    static String ask(DatagramSocket socket, ServiceKey.Address key, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(data, data.length, new InetSocketAddress(key.address(), key.port())));
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        socket.receive(reply);
        assertEquals(new InetSocketAddress(key.address(), key.port()), reply.getSocketAddress(), "replies come from the VIP");
        String answer = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
        assertTrue(answer.endsWith(" " + text), answer);
        return answer.substring(0, answer.indexOf(' '));
    }

    static DatagramSocket udpClient() throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(5_000);
        return socket;
    }

    @Test
    void udpSessionsStickToTheirServerAndRoundRobinSpreadsSessions() throws Exception {
        UdpBackend a = udpBackend("a");
        UdpBackend b = udpBackend("b");
        ServiceKey.Address key = udpService(0, List.of(a, b));
        Map<String, Integer> sessions = new HashMap<>();
        for (int client = 0; client < 4; client++) {
            try (DatagramSocket socket = udpClient()) {
                String first = ask(socket, key, "hello " + client);
                for (int i = 0; i < 5; i++) {
                    assertEquals(first, ask(socket, key, "again " + i));
                }
                sessions.merge(first, 1, Integer::sum);
            }
        }
        assertEquals(Map.of("a", 2, "b", 2), sessions);
        List<ConnectionSnapshot> entries = query(EngineView::connections);
        assertEquals(4, entries.size());
        assertTrue(entries.stream().allMatch(e -> e.protocol().equals("UDP")));
        TrafficStats stats = query(v -> v.snapshot().service(key).stats());
        assertEquals(List.of(4L, 24L, 24L), List.of(stats.conns(), stats.inPackets(), stats.outPackets()));
        assertEquals(4, (int) query(EngineView::udpSessions));
    }

    @Test
    void onePacketSchedulingSpreadsEveryDatagram() throws Exception {
        UdpBackend a = udpBackend("a");
        UdpBackend b = udpBackend("b");
        ServiceKey.Address key = udpService(ServiceFlags.ONEPACKET, List.of(a, b));
        Map<String, Integer> answers = new HashMap<>();
        try (DatagramSocket socket = udpClient()) {
            for (int i = 0; i < 10; i++) {
                answers.merge(ask(socket, key, "datagram " + i), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("a", 5, "b", 5), answers);
        assertEquals(0, (int) query(EngineView::connectionEntries), "one-packet entries end with their datagram");
        TrafficStats stats = query(v -> v.snapshot().service(key).stats());
        assertEquals(List.of(10L, 10L, 10L), List.of(stats.conns(), stats.inPackets(), stats.outPackets()));
    }

    @Test
    void udpSessionsExpireWithTheirEntries() throws Exception {
        UdpBackend a = udpBackend("a");
        ServiceKey.Address key = udpService(0, List.of(a));
        apply(new EngineCommand.SetTimeouts(new io.jlvs.core.model.Timeouts(900, 120, 1)));
        try (DatagramSocket socket = udpClient()) {
            assertEquals("a", ask(socket, key, "short-lived"));
        }
        awaitEngine("the session expired", v -> v.udpSessions() == 0 && v.connectionEntries() == 0);
        assertEquals(1, (int) query(v -> v.timeouts().udp()));
    }

    /**
     * A budget of the listener and three UDP sessions: a fourth and fifth client's datagrams are
     * dropped and counted; once the sessions expire their sockets are closed and new clients served.
     */
    @Test
    void udpClientsBeyondTheDescriptorBudgetAreDroppedAndExpiredSessionsGiveTheirSocketsBack() throws Exception {
        engine(options().withMaxOpenSockets(1 + 3));
        UdpBackend a = udpBackend("a");
        ServiceKey.Address key = udpService(0, List.of(a));
        apply(new EngineCommand.SetTimeouts(new Timeouts(900, 120, 1)));
        long before = OpenDescriptors.count();
        List<String> answers = new ArrayList<>();
        for (int client = 0; client < 5; client++) {
            try (DatagramSocket socket = udpClient()) {
                socket.setSoTimeout(client < 3 ? 5_000 : 300);
                try {
                    answers.add(ask(socket, key, "client " + client));
                } catch (java.net.SocketTimeoutException dropped) {
                    answers.add("dropped");
                }
            }
        }

        assertEquals(List.of("a", "a", "a", "dropped", "dropped"), answers);
        assertEquals(List.of(2L, 0L), query(v -> List.of(v.descriptorLimitDrops(), v.descriptorLimitResets())));
        awaitEngine("the sessions expired", v -> v.udpSessions() == 0 && v.openSockets() == 1);
        OpenDescriptors.awaitAtMost(before + 10, Duration.ofSeconds(10));
        try (DatagramSocket socket = udpClient()) {
            assertEquals("a", ask(socket, key, "after the expiry"));
        }
    }

    // ------------------------------------------------------------------ shutdown

    @Test
    void closeLetsAConnectionFinishWithinTheDrainDeadline() throws Exception {
        engine(options().withDrainTimeout(Duration.ofSeconds(20)));
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        Socket socket = connect(key, null);
        assertEquals("a", readLine(socket));

        long start = System.nanoTime();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(engine()::close);
        awaitListenerGone(key);
        assertEquals("one more", echo(socket, "one more"));
        socket.close();
        closing.get(20, TimeUnit.SECONDS);

        long took = System.nanoTime() - start;
        assertTrue(took < TimeUnit.SECONDS.toNanos(10), "closed when drained, not at the deadline: " + took);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("jlvs-proxy-")
                && t.isAlive() && engineThreadOf(t)), "the loop thread is gone");
    }

    private boolean engineThreadOf(Thread thread) {
        return thread.getName().startsWith("jlvs-proxy-");
    }

    @Test
    void closeResetsWhatIsLeftAtTheDrainDeadline() throws Exception {
        engine(options().withDrainTimeout(Duration.ofMillis(500)));
        TcpBackend a = backend("a", TcpBackend.NAME_THEN_ECHO);
        ServiceKey.Address key = tcpService("rr", 0, List.of(a), 1);
        try (Socket slow = connect(key, null)) {
            assertEquals("a", readLine(slow));
            long start = System.nanoTime();
            engine().close();
            long took = System.nanoTime() - start;

            assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(450), "waited for the deadline: " + took);
            assertTrue(took < TimeUnit.SECONDS.toNanos(5), "then closed: " + took);
            assertThrows(IOException.class, () -> {
                if (slow.getInputStream().read() < 0) {
                    throw new IOException("closed");
                }
            });
        }
        assertThrows(IOException.class, () -> nameFrom(key, null));
    }

    private static void awaitListenerGone(ServiceKey.Address key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(key.address(), key.port()), 1_000);
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the listener never closed");
    }
}
