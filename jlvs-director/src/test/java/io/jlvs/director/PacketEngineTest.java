package io.jlvs.director;

import io.jlvs.core.conn.ConnectionOptions;
import io.jlvs.core.conn.ConnectionPage;
import io.jlvs.core.engine.EngineCommand;
import io.jlvs.core.engine.EngineCore;
import io.jlvs.core.engine.EngineRejection;
import io.jlvs.core.engine.TableSnapshot;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.service.VirtualService;
import io.jlvs.packet.io.MemoryPacketPort;
import io.jlvs.testkit.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packet engine's control side: commands reach every worker, listings add the workers up. */
class PacketEngineTest {
    private static final ServiceKey.Address WEB = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.1"), 80);
    private static final int ENTRIES = 1 << 12;

    private final FakeClock clock = new FakeClock(1_000_000_000L);
    private final List<MemoryPacketPort> ports = new ArrayList<>();
    private final PacketEngine engine = new PacketEngine(List.of(worker(0), worker(1), worker(2)), ENTRIES);

    private Worker worker(int index) {
        EngineCore core = new EngineCore(SchedulerContext.standard(), ConnectionOptions.DEFAULT, 64, ENTRIES,
                clock::nanos);
        MemoryPacketPort port = new MemoryPacketPort("mem" + index);
        ports.add(port);
        return new Worker(index, core, List.of(new InterfacePort(port, index + 1, 0x020000000001L + index)),
                (family, words) -> {
                    throw new NextHopResolver.NextHopException("no routes in this test");
                }, Runnable::run);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    /** One duty cycle of every worker, as their threads would run it. */
    private void cycle() {
        engine.workers().forEach(Worker::doWork);
    }

    private <T> T await(CompletableFuture<T> future) throws Exception {
        cycle();
        return future.get(1, TimeUnit.SECONDS);
    }

    private void addWebWithTwoServers() throws Exception {
        await(engine.apply(List.of(
                new EngineCommand.AddService(new ServiceSpec(WEB, "rr", 0, 300, ServiceSpec.DEFAULT_NETMASK_V4, "")),
                new EngineCommand.AddDestination(WEB, DestinationSpec.of(ip("192.168.1.1"), 80, ForwardMethod.MASQ, 1)),
                new EngineCommand.AddDestination(WEB, DestinationSpec.of(ip("192.168.1.2"), 80, ForwardMethod.MASQ, 1)))));
    }

    /** Opens connections on one worker's core, as its forwarder would for SYNs. */
    private void connect(Worker worker, int count, int firstPort) {
        EngineCore core = worker.core();
        VirtualService service = core.lookup(Protocol.TCP, WEB.address(), WEB.port(), 0);
        for (int i = 0; i < count; i++) {
            core.flow().set(Protocol.TCP, ip("172.16.0." + (worker.index() + 1)), firstPort + i, WEB.address(), WEB.port());
            assertTrue(core.schedule(service, core.flow()) >= 0);
        }
    }

    @Test
    void aCommandReachesEveryWorkerBeforeItCompletes() throws Exception {
        CompletableFuture<Void> applied = engine.apply(List.of(new EngineCommand.AddService(
                new ServiceSpec(WEB, "rr", 0, 300, ServiceSpec.DEFAULT_NETMASK_V4, ""))));
        engine.workers().get(0).doWork();
        engine.workers().get(1).doWork();
        assertFalse(applied.isDone(), "worker 2 has not run yet");
        engine.workers().get(2).doWork();
        assertTrue(applied.isDone());
        for (Worker worker : engine.workers()) {
            assertEquals(List.of(WEB), worker.core().serviceKeys());
        }
    }

    @Test
    void aRefusalNamesTheCommandAndLeavesTheCommandsBeforeItInEffect() throws Exception {
        CompletableFuture<Void> applied = engine.apply(List.of(
                new EngineCommand.AddService(new ServiceSpec(WEB, "rr", 0, 300, ServiceSpec.DEFAULT_NETMASK_V4, "")),
                new EngineCommand.DeleteService(new ServiceKey.Address(Protocol.UDP, ip("10.0.0.1"), 53))));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> await(applied));
        EngineRejection rejection = assertInstanceOf(EngineRejection.class, failure.getCause());
        assertEquals(1, rejection.index());
        assertEquals("UDP 10.0.0.1:53: no such service", rejection.getMessage());
        for (Worker worker : engine.workers()) {
            assertEquals(List.of(WEB), worker.core().serviceKeys());
        }
    }

    @Test
    void theListingAddsUpTheWorkersConnections() throws Exception {
        addWebWithTwoServers();
        connect(engine.workers().get(0), 3, 40000);
        connect(engine.workers().get(2), 4, 50000);

        TableSnapshot table = await(engine.snapshot());

        TableSnapshot.Service web = table.service(WEB);
        assertEquals(7, web.stats().conns());
        int active = 0;
        int inactive = 0;
        for (TableSnapshot.Destination d : web.destinations()) {
            active += d.activeConns();
            inactive += d.inactConns();
        }
        assertEquals(7, active + inactive, "every worker's entries are counted once");
        // rr on each worker on its own, newest server first: worker 0 placed 2 + 1, worker 2 placed 2 + 2
        assertEquals(List.of(4, 3), web.destinations().stream().map(d -> d.activeConns() + d.inactConns()).toList());
    }

    @Test
    void theConnectionListingWalksEveryWorkerPageByPage() throws Exception {
        addWebWithTwoServers();
        connect(engine.workers().get(0), 5, 40000);
        connect(engine.workers().get(1), 6, 41000);
        connect(engine.workers().get(2), 7, 42000);

        Set<String> seen = new HashSet<>();
        int pages = 0;
        int from = 0;
        do {
            ConnectionPage page = await(engine.copyConnections(new ConnectionPage(4, 64), from));
            for (int r = 0; r < page.rows(); r++) {
                var entry = page.snapshot(r);
                assertTrue(seen.add(entry.clientAddress().getHostAddress() + ":" + entry.clientPort()), "listed once");
            }
            from = page.nextSlot();
            pages++;
        } while (from != ConnectionPage.END && pages < 1000);
        assertEquals(18, seen.size());
    }

    @Test
    void runningWorkersAnswerWithoutBeingDrivenByHand() throws Exception {
        engine.start();
        engine.apply(List.of(new EngineCommand.AddService(
                new ServiceSpec(WEB, "wlc", 0, 300, ServiceSpec.DEFAULT_NETMASK_V4, "")))).get(5, TimeUnit.SECONDS);
        assertEquals("wlc", engine.snapshot().get(5, TimeUnit.SECONDS).service(WEB).spec().scheduler());
    }
}
