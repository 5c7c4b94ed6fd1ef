package io.jlvs.daemon;

import io.jlvs.control.DestinationCounters;
import io.jlvs.control.ServiceCounters;
import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.ServiceTableListener;
import io.jlvs.control.TrafficSource;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.runtime.ServiceRuntime;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.service.VirtualService;
import io.jlvs.proxy.ProxyEngine;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Connects the ServiceManager to a proxy engine: every applied command is enqueued on the engine's
 * loop (never waited for, since the manager's lock is held), and listings read the engine's live
 * counts and connection entries through queries on that loop.
 */
final class ProxyBridge implements ServiceTableListener, TrafficSource {
    private final ProxyEngine engine;

    ProxyBridge(ProxyEngine engine) {
        this.engine = engine;
    }

    /**
     * Gives the engine a restored table: each service, then its real servers oldest first so the
     * engine's lists end newest first as the table's, then the timeouts. Waits until the listeners
     * are bound.
     */
    void replay(ServiceTable restored) throws Exception {
        engine.setTimeouts(restored.timeouts());
        engine.update(table -> {
            for (ServiceEntry service : restored.kernelOrder()) {
                ServiceRuntime.apply(table, new Command.AddService(service.spec()));
                for (DestinationSpec destination : service.destinations().reversed()) {
                    ServiceRuntime.apply(table, new Command.AddDest(service.key(), destination));
                }
            }
        }).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void tableChanged(Command applied, ServiceTable table) {
        switch (applied) {
            case Command.SetTimeouts ignored -> engine.setTimeouts(table.timeouts());
            default -> engine.update(runtime -> ServiceRuntime.apply(runtime, applied));
        }
    }

    @Override
    public ServiceCounters service(ServiceKey key) {
        return engine.query(view -> ServiceRuntime.counters(view.services().get(key))).join();
    }

    @Override
    public DestinationCounters destination(ServiceKey key, InetAddress address, int port) {
        return engine.query(view -> {
            VirtualService service = view.services().get(key);
            return ServiceRuntime.counters(service == null ? null : service.find(address, port));
        }).join();
    }

    @Override
    public List<ConnectionEntry> connections() {
        return engine.query(view -> {
            List<ConnectionEntry> entries = new ArrayList<>();
            view.forEachConnection(c -> entries.add(new ConnectionEntry(c.protocol(), c.expiresMillis(), c.state(),
                    c.clientAddress(), c.clientPort(), c.virtualAddress(), c.virtualPort(),
                    c.destinationAddress(), c.destinationPort(), "", "")));
            return entries;
        }).join();
    }
}
