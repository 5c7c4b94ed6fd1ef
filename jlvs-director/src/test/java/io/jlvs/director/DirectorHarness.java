package io.jlvs.director;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.service.Addresses;
import io.jlvs.packet.io.FrameOffload;
import io.jlvs.packet.io.MemoryPacketPort;
import io.jlvs.testkit.FakeClock;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One packet-engine worker on an in-memory port, with a fixed next-hop table and a fake clock: the
 * seed's topology (client, director, real servers) as addresses and MACs, for golden tables.
 */
final class DirectorHarness implements AutoCloseable {
    static final String DIRECTOR_MAC = "02:00:00:00:00:0d";
    static final String CLIENT_MAC = "02:00:00:00:00:0c";
    static final String ROUTER_MAC = "02:00:00:00:00:0e";
    static final String RS1_MAC = "02:00:00:00:00:11";
    static final String RS2_MAC = "02:00:00:00:00:12";
    static final String CLIENT = "172.16.0.2";
    static final String VIP = "10.0.0.100";
    static final String DIRECTOR = "192.168.1.1";
    static final String RS1 = "192.168.1.11";
    static final String RS2 = "192.168.1.12";
    static final String LOCAL = "192.168.1.100";
    static final String CLIENT6 = "2001:db8:c::2";
    static final String VIP6 = "2001:db8::100";
    static final String DIRECTOR6 = "2001:db8:1::1";
    static final String RS1_6 = "2001:db8:1::11";
    static final int INTERFACE = 2;

    final FakeClock clock = new FakeClock(1_000_000_000L);
    final MemoryPacketPort port;
    /** Packets the user's rules marked, as netfilter would hand them up. */
    final QueuedMarkedPackets marked = new QueuedMarkedPackets();
    final Worker worker;
    private static final Map<String, NextHopResolver.NextHop> NEXT_HOPS = new HashMap<>();

    static {
        // the client is behind a router; the real servers are on the director's subnet
        route(CLIENT, ROUTER_MAC, DIRECTOR);
        route(RS1, RS1_MAC, DIRECTOR);
        route(RS2, RS2_MAC, DIRECTOR);
        route(CLIENT6, ROUTER_MAC, DIRECTOR6);
        route(RS1_6, RS1_MAC, DIRECTOR6);
    }

    DirectorHarness() {
        this(1500);
    }

    DirectorHarness(int mtu) {
        this(mtu, 256);
    }

    /** @param transmitSlots frames the port takes between flushes */
    DirectorHarness(int mtu, int transmitSlots) {
        port = new MemoryPacketPort("eth0", mtu, transmitSlots);
        EngineCore core = new EngineCore(SchedulerContext.standard(), ConnectionOptions.DEFAULT, 64, 1 << 12,
                clock::nanos);
        worker = new Worker(0, core, List.of(new InterfacePort(port, INTERFACE, mac(DIRECTOR_MAC))), marked,
                DirectorHarness::resolve, Runnable::run);
    }

    private static void route(String address, String nextHopMac, String source) {
        NEXT_HOPS.put(InetAddress.ofLiteral(address).getHostAddress(),
                new NextHopResolver.NextHop(INTERFACE, mac(nextHopMac), Addresses.words(InetAddress.ofLiteral(source))));
    }

    /** The topology's next hops, as the kernel's tables would give them. */
    static NextHopResolver.NextHop resolve(int family, int[] words) throws NextHopResolver.NextHopException {
        String address = Addresses.fromWords(family == 6 ? io.jlvs.core.model.AddressFamily.INET6
                : io.jlvs.core.model.AddressFamily.INET, words).getHostAddress();
        NextHopResolver.NextHop hop = NEXT_HOPS.get(address);
        if (hop == null) {
            throw new NextHopResolver.NextHopException("no route to " + address);
        }
        return hop;
    }

    static long mac(String text) {
        long mac = 0;
        for (String part : text.split(":")) {
            mac = (mac << 8) | Integer.parseInt(part, 16);
        }
        return mac;
    }

    /** Adds TCP service VIP:vport with one real server per address, forwarding with method, port rport. */
    DirectorHarness service(Protocol protocol, String vip, int vport, String scheduler, ForwardMethod method, int rport,
                            String... realServers) {
        ServiceKey key = new ServiceKey.Address(protocol, InetAddress.ofLiteral(vip), vport);
        boolean v6 = vip.contains(":");
        apply(new EngineCommand.AddService(new ServiceSpec(key, scheduler, 0, 300,
                v6 ? ServiceSpec.DEFAULT_PREFIX_V6 : ServiceSpec.DEFAULT_NETMASK_V4, "")));
        for (String rs : realServers) {
            apply(new EngineCommand.AddDestination(key, DestinationSpec.of(InetAddress.ofLiteral(rs), rport, method, 1)));
        }
        return this;
    }

    /** Adds IPv4 firewall-mark service -f mark with one real server per address. */
    DirectorHarness markService(int mark, String scheduler, ForwardMethod method, int rport, String... realServers) {
        ServiceKey key = new ServiceKey.Mark(io.jlvs.core.model.AddressFamily.INET, mark);
        apply(new EngineCommand.AddService(new ServiceSpec(key, scheduler, 0, 300, ServiceSpec.DEFAULT_NETMASK_V4, "")));
        for (String rs : realServers) {
            apply(new EngineCommand.AddDestination(key, DestinationSpec.of(InetAddress.ofLiteral(rs), rport, method, 1)));
        }
        return this;
    }

    /** Hands the IP packets up as netfilter would with this mark, runs the worker until idle, returns what it sent. */
    List<byte[]> sendMarked(int mark, byte[]... packets) {
        for (byte[] packet : packets) {
            marked.add(packet, mark);
        }
        return run();
    }

    /** Hands one IP packet up with this mark and returns what the worker sent with the offloads it asked for. */
    List<MemoryPacketPort.SentFrame> sendMarkedWithOffload(int mark, byte[] packet) {
        marked.add(packet, mark);
        for (int i = 0; i < 10 && worker.doWork() > 0; i++) {
            clock.advance(1, TimeUnit.MICROSECONDS);
        }
        return port.drainSent();
    }

    void apply(EngineCommand command) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.submit(new WorkerTask.Apply(List.of(command), done));
        worker.doWork();
        done.join();
    }

    /** Receives the frames, runs the worker until it is idle, and returns what it sent. */
    List<byte[]> send(byte[]... frames) {
        for (byte[] frame : frames) {
            port.inject(frame);
        }
        return run();
    }

    /** Receives one frame with offloads, and returns what the worker sent with the offloads it asked for. */
    List<MemoryPacketPort.SentFrame> sendWithOffload(byte[] frame, FrameOffload offload) {
        port.inject(frame, offload);
        for (int i = 0; i < 10 && worker.doWork() > 0; i++) {
            clock.advance(1, TimeUnit.MICROSECONDS);
        }
        return port.drainSent();
    }

    List<byte[]> run() {
        for (int i = 0; i < 10 && worker.doWork() > 0; i++) {
            clock.advance(1, TimeUnit.MICROSECONDS);
        }
        return port.drainSent().stream().map(MemoryPacketPort.SentFrame::bytes).toList();
    }

    ForwardingCounters counters() {
        CompletableFuture<ForwardingCounters> answer = new CompletableFuture<>();
        worker.submit(new WorkerTask.ReadCounters(answer));
        worker.doWork();
        return answer.join();
    }

    static String hex(byte[] bytes) {
        return Arrays.toString(bytes);
    }

    @Override
    public void close() {
        worker.close();
    }
}
