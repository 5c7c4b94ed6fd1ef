package io.jlvs.director;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.TableSnapshot;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.testkit.FakeClock;
import io.jlvs.testkit.Seeds;
import io.jlvs.testkit.packet.Frames;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jlvs.director.DirectorHarness.CLIENT;
import static io.jlvs.director.DirectorHarness.CLIENT6;
import static io.jlvs.director.DirectorHarness.CLIENT_MAC;
import static io.jlvs.director.DirectorHarness.DIRECTOR_MAC;
import static io.jlvs.director.DirectorHarness.RS1;
import static io.jlvs.director.DirectorHarness.RS1_6;
import static io.jlvs.director.DirectorHarness.RS1_MAC;
import static io.jlvs.director.DirectorHarness.RS2;
import static io.jlvs.director.DirectorHarness.RS2_MAC;
import static io.jlvs.director.DirectorHarness.ROUTER_MAC;
import static io.jlvs.director.DirectorHarness.VIP;
import static io.jlvs.director.DirectorHarness.VIP6;
import static io.jlvs.director.DirectorHarness.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten million random and mutated frames through one worker (seeded; JLVS_SEED repeats a run):
 * nothing escapes (every frame sent is well-formed IP to a known next hop), every frame is
 * accounted for exactly once (forwarded, left to the kernel, or dropped by a counted reason), and
 * once the traffic stops and the timers run out nothing is left (no entry, no connection counted on
 * a real server, no frame waiting).
 */
class EngineFuzzTest {
    private static final long FRAMES = 10_000_000L;

    @Test
    void tenMillionFramesLeaveNothingUncountedAndNothingBehind() {
        long seed = Seeds.seed(20261201L);
        FakeClock clock = new FakeClock(1_000_000_000L);
        FuzzPort port = new FuzzPort(templates(), Seeds.random(seed), FRAMES, mac(RS1_MAC), mac(RS2_MAC),
                mac(ROUTER_MAC));
        EngineCore core = new EngineCore(SchedulerContext.standard(), ConnectionOptions.DEFAULT, 1 << 12, 1 << 20,
                clock::nanos);
        Worker worker = new Worker(0, core, List.of(new InterfacePort(port, DirectorHarness.INTERFACE,
                mac(DIRECTOR_MAC))), DirectorHarness::resolve, Runnable::run);
        apply(worker, services());

        while (worker.doWork() > 0 || port.awaitFrames(0)) {
            clock.advance(500, TimeUnit.MICROSECONDS);
        }
        for (int i = 0; i < 20 * 60 * 8; i++) { // 20 minutes of ticks: every timeout runs out
            clock.advance(125, TimeUnit.MILLISECONDS);
            worker.doWork();
        }

        ForwardingCounters counters = ask(worker, WorkerTask.ReadCounters::new);
        assertEquals(0, port.escaped, "seed " + seed + ": a malformed or misdirected frame left: " + port.firstEscape);
        assertEquals(FRAMES, counters.received());
        assertEquals(counters.received(), counters.toRealServers() + counters.toClients() + counters.passedToKernel()
                + counters.totalDrops(), "seed " + seed + ": every frame is counted once");
        assertEquals(counters.toRealServers() + counters.toClients() + counters.icmpSent(), port.transmitted);
        assertTrue(counters.toRealServers() > 100_000 && counters.toClients() > 10_000,
                "the intact frames were forwarded: " + counters.toRealServers() + ", " + counters.toClients());
        assertEquals(0, core.connectionEntries(), "seed " + seed + ": every entry expired");
        TableSnapshot table = ask(worker, WorkerTask.Snapshot::new);
        for (TableSnapshot.Service service : table.services()) {
            for (TableSnapshot.LocalAddress local : service.localAddresses()) {
                assertEquals(0, local.connections(), "seed " + seed + ": local address " + local.address() + " freed");
            }
            for (TableSnapshot.Destination d : service.destinations()) {
                assertEquals(0, d.activeConns() + d.inactConns() + d.persistConns(),
                        "seed " + seed + ": " + service.spec().key() + " " + d.spec().address());
            }
        }
        worker.close();
    }

    private static List<byte[]> templates() {
        List<byte[]> frames = new ArrayList<>();
        for (int port : new int[]{80, 443, 8000, 81}) {
            frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).tcp(40000, port).syn().build());
            frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).tcp(40000, port).ackFlag()
                    .payload(new byte[100]).build());
            frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).tcp(40000, port).fin().ackFlag()
                    .build());
            frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).tcp(40000, port).rst().build());
        }
        for (String rs : new String[]{RS1, RS2}) {
            frames.add(Frames.ethernet(RS1_MAC, DIRECTOR_MAC).ipv4(rs, CLIENT).tcp(8080, 40000).syn().ackFlag().build());
            frames.add(Frames.ethernet(RS1_MAC, DIRECTOR_MAC).ipv4(rs, CLIENT).tcp(8080, 40000).fin().ackFlag()
                    .build());
        }
        frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).dontFragment().udp(41000, 53)
                .payload(new byte[1472]).build());
        frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).udp(41000, 53).payload(new byte[30])
                .build());
        frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).vlan(5).ipv4(CLIENT, VIP).tcp(40001, 443).syn().build());
        frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv6(CLIENT6, VIP6).tcp(40000, 80).syn().build());
        frames.add(Frames.ethernet(RS1_MAC, DIRECTOR_MAC).ipv6(RS1_6, CLIENT6).tcp(8080, 40000).syn().ackFlag()
                .build());
        frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).icmp().echoRequest(1, 1).build());
        frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).ipv4(CLIENT, VIP).fragment(1480, false).tcp(40000, 80)
                .build());
        frames.add(Frames.ethernet(CLIENT_MAC, DIRECTOR_MAC).arp(1, CLIENT_MAC, CLIENT, "00:00:00:00:00:00", VIP)
                .build());
        return frames;
    }

    private static List<EngineCommand> services() {
        List<EngineCommand> commands = new ArrayList<>();
        add(commands, Protocol.TCP, VIP, 80, ForwardMethod.MASQ, 8080, RS1, RS2);
        add(commands, Protocol.TCP, VIP, 443, ForwardMethod.DROUTE, 443, RS1, RS2);
        add(commands, Protocol.TCP, VIP, 8000, ForwardMethod.FULLNAT, 8000, RS1);
        commands.add(new EngineCommand.AddLocalAddress(new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral(VIP),
                8000), InetAddress.ofLiteral(DirectorHarness.LOCAL)));
        add(commands, Protocol.UDP, VIP, 53, ForwardMethod.TUNNEL, 53, RS1);
        add(commands, Protocol.TCP, VIP6, 80, ForwardMethod.MASQ, 8080, RS1_6);
        return commands;
    }

    private static void add(List<EngineCommand> commands, Protocol protocol, String vip, int port, ForwardMethod method,
                            int rport, String... servers) {
        ServiceKey key = new ServiceKey.Address(protocol, InetAddress.ofLiteral(vip), port);
        commands.add(new EngineCommand.AddService(new ServiceSpec(key, "wlc", 0, 300,
                vip.contains(":") ? ServiceSpec.DEFAULT_PREFIX_V6 : ServiceSpec.DEFAULT_NETMASK_V4, "")));
        for (String server : servers) {
            commands.add(new EngineCommand.AddDestination(key, DestinationSpec.of(InetAddress.ofLiteral(server), rport,
                    method, 1)));
        }
    }

    private static void apply(Worker worker, List<EngineCommand> commands) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.submit(new WorkerTask.Apply(commands, done));
        worker.doWork();
        done.join();
    }

    private static <T> T ask(Worker worker, java.util.function.Function<CompletableFuture<T>, WorkerTask> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        worker.submit(question.apply(answer));
        worker.doWork();
        return answer.join();
    }
}
