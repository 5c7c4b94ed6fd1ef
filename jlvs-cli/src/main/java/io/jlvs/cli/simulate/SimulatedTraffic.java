package io.jlvs.cli.simulate;

import io.jlvs.control.DestinationCounters;
import io.jlvs.control.ServiceCounters;
import io.jlvs.control.TrafficSource;
import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.runtime.ServiceRuntime;
import io.jlvs.core.conn.ConnectionTable;
import io.jlvs.core.model.ServiceKey;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** What listings in a simulate script show: the runtime's counts and the simulated connection table. */
record SimulatedTraffic(ServiceRuntime runtime, ConnectionTable table) implements TrafficSource {

    @Override
    public ServiceCounters service(ServiceKey key) {
        return runtime.service(key);
    }

    @Override
    public DestinationCounters destination(ServiceKey key, InetAddress address, int port) {
        return runtime.destination(key, address, port);
    }

    @Override
    public List<ConnectionEntry> connections() {
        List<ConnectionEntry> entries = new ArrayList<>();
        table.forEach(0, c -> entries.add(new ConnectionEntry(c.protocol(), c.expiresMillis(), c.state(),
                c.clientAddress(), c.clientPort(), c.virtualAddress(), c.virtualPort(),
                c.destinationAddress(), c.destinationPort(), "", "")));
        return entries;
    }
}
