package io.jlvs.control.runtime;

import io.jlvs.control.DestinationCounters;
import io.jlvs.control.ServiceCounters;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.sched.SchedulerContext;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualServiceTable;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountsSnapshotTest {

    @Test
    void aSnapshotKeepsTheCountsOfTheMomentItWasTaken() {
        VirtualServiceTable table = new VirtualServiceTable(new SchedulerContext(new SplittableRandom(1)));
        ServiceKey key = new ServiceKey.Address(Protocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 80);
        table.add(new ServiceSpec(key, "rr", 0, 0, -1, ""));
        InetAddress rip = InetAddress.ofLiteral("10.1.0.1");
        RealServer dest = table.addDestination(key, DestinationSpec.of(rip, 80, ForwardMethod.MASQ, 1));
        dest.setActiveConns(3);
        dest.setInactConns(2);
        dest.stats().countConnection();
        table.get(key).stats().countConnection();

        CountsSnapshot snapshot = CountsSnapshot.of(table);
        dest.setActiveConns(9);

        DestinationCounters counted = snapshot.destination(key, rip, 80);
        assertEquals(3, counted.activeConns());
        assertEquals(2, counted.inactConns());
        assertEquals(1L, counted.stats().conns());
        assertEquals(1L, snapshot.service(key).stats().conns());
        assertEquals(DestinationCounters.ZERO, snapshot.destination(key, rip, 81));
        assertEquals(ServiceCounters.ZERO, snapshot.service(new ServiceKey.Mark(io.jlvs.core.model.AddressFamily.INET, 1)));
    }
}
