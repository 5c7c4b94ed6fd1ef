package io.jlvs.control.runtime;

import io.jlvs.control.ServiceManager;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.Reply;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceFlags;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.jlvs.core.service.VirtualServiceTable;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ServiceRuntimeTest {
    private final ServiceManager manager = new ServiceManager();
    private final ServiceRuntime runtime = new ServiceRuntime(new VirtualServiceTable(new SchedulerContext(new SplittableRandom(1))));
    private final Flow flow = new Flow();

    ServiceRuntimeTest() {
        manager.addListener(runtime);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private void ok(Command command) {
        assertInstanceOf(Reply.Ok.class, manager.handle(command));
    }

    private String next(VirtualService service) throws Exception {
        flow.set(Protocol.TCP, ip("192.0.2.1"), 1000, ip("10.0.0.1"), 80);
        RealServer dest = service.scheduler().schedule(service, flow, 0);
        return dest == null ? "-" : dest.toString();
    }

    @Test
    void mirrorsAddsInKernelOrderAndRoundRobinsOverThem() throws Exception {
        ServiceKey key = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.1"), 80);
        ok(new Command.AddService(new ServiceSpec(key, "rr", 0, 0, -1, "")));
        ok(new Command.AddDest(key, DestinationSpec.of(ip("10.1.0.1"), 80, ForwardMethod.MASQ, 1)));
        ok(new Command.AddDest(key, DestinationSpec.of(ip("10.1.0.2"), 80, ForwardMethod.MASQ, 1)));
        VirtualService service = runtime.table().get(key);
        // newest first: .2 then .1, and rr walks the list from its head
        assertEquals("10.1.0.2:80 10.1.0.1:80 10.1.0.2:80",
                next(service) + " " + next(service) + " " + next(service));
    }

    @Test
    void rebindsOnlyWhenTheSchedulerChanges() throws Exception {
        ServiceKey key = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.1"), 80);
        ok(new Command.AddService(new ServiceSpec(key, "rr", 0, 0, -1, "")));
        var first = runtime.table().get(key).scheduler();
        ok(new Command.EditService(new ServiceSpec(key, "rr", ServiceFlags.PERSISTENT, 300, -1, "")));
        assertSame(first, runtime.table().get(key).scheduler());
        ok(new Command.EditService(new ServiceSpec(key, "wlc", 0, 0, -1, "")));
        assertNotSame(first, runtime.table().get(key).scheduler());
    }

    @Test
    void deletesEditsAndFlushesFollowTheTable() throws Exception {
        ServiceKey key = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.1"), 80);
        ok(new Command.AddService(new ServiceSpec(key, "rr", 0, 0, -1, "")));
        ok(new Command.AddDest(key, DestinationSpec.of(ip("10.1.0.1"), 80, ForwardMethod.MASQ, 1)));
        ok(new Command.EditDest(key, DestinationSpec.of(ip("10.1.0.1"), 80, ForwardMethod.MASQ, 0)));
        assertEquals("-", next(runtime.table().get(key)));
        ok(new Command.DelDest(key, ip("10.1.0.1"), 80));
        assertEquals(0, runtime.table().get(key).destinationCount());
        ok(new Command.DelService(key));
        assertNull(runtime.table().get(key));
        ok(new Command.AddService(new ServiceSpec(key, "rr", 0, 0, -1, "")));
        ok(new Command.Flush());
        assertEquals(0, runtime.table().services().size());
    }

    @Test
    void findsMarkThenExactThenPersistentPortZero() throws Exception {
        ServiceKey zero = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.9"), 0);
        ok(new Command.AddService(new ServiceSpec(zero, "rr", ServiceFlags.PERSISTENT, 300, -1, "")));
        ServiceKey exact = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.9"), 443);
        ok(new Command.AddService(new ServiceSpec(exact, "rr", 0, 0, -1, "")));
        ServiceKey mark = new ServiceKey.Mark(io.jlvs.core.model.AddressFamily.INET, 7);
        ok(new Command.AddService(new ServiceSpec(mark, "rr", 0, 0, -1, "")));
        assertSame(runtime.table().get(exact), runtime.table().lookup(Protocol.TCP, ip("10.0.0.9"), 443, 0));
        assertSame(runtime.table().get(zero), runtime.table().lookup(Protocol.TCP, ip("10.0.0.9"), 22, 0));
        assertSame(runtime.table().get(mark), runtime.table().lookup(Protocol.TCP, ip("10.0.0.9"), 443, 7));
        assertNull(runtime.table().lookup(Protocol.UDP, ip("10.0.0.9"), 53, 0));
    }
}
