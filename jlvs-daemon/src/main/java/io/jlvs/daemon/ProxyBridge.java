package io.jlvs.daemon;

import io.jlvs.control.DestinationCounters;
import io.jlvs.control.ServiceCounters;
import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.ServiceTableListener;
import io.jlvs.control.TrafficSource;
import io.jlvs.control.api.Command;
import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.runtime.CountsSnapshot;
import io.jlvs.control.runtime.ServiceRuntime;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.service.VirtualService;
import io.jlvs.proxy.ProxyEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connects the ServiceManager to a proxy engine: every applied command is enqueued on the engine's
 * loop (never waited for, since the manager's lock is held), and listings read the engine's live
 * counts and connection entries through queries on that loop.
 */
final class ProxyBridge implements ServiceTableListener, TrafficSource {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyBridge.class);
    private static final long LISTENER_WAIT_SECONDS = 5;
    private final ProxyEngine engine;

    ProxyBridge(ProxyEngine engine) {
        this.engine = engine;
    }

    /**
     * Gives the engine a restored table: each service, then its real servers oldest first so the
     * engine's lists end newest first as the table's, then the timeouts. Waits until the listeners
     * are bound. A service the engine cannot take (the engine logs why) does not stop the others.
     */
    void replay(ServiceTable restored) throws InterruptedException, TimeoutException {
        engine.setTimeouts(restored.timeouts());
        List<CompletableFuture<Void>> updates = new ArrayList<>();
        for (ServiceEntry service : restored.kernelOrder()) {
            updates.add(engine.update(table -> {
                ServiceRuntime.apply(table, new Command.AddService(service.spec()));
                for (DestinationSpec destination : service.destinations().reversed()) {
                    ServiceRuntime.apply(table, new Command.AddDest(service.key(), destination));
                }
            }));
        }
        try {
            CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            LOG.warn("some restored services are not proxied: {}", e.getCause().toString());
        }
    }

    /** Enqueues the command on the engine's loop; {@link #requestApplied()} waits for it. */
    @Override
    public void tableChanged(Command applied, ServiceTable table) {
        if (applied instanceof Command.SetTimeouts) {
            engine.setTimeouts(table.timeouts());
        } else {
            engine.apply(runtime -> ServiceRuntime.apply(runtime, applied));
        }
    }

    /**
     * Waits (at most {@link #LISTENER_WAIT_SECONDS}) until the engine has applied the request's
     * commands and its listeners follow, so that when ipvsadm returns the rule is in effect and a
     * new VIP accepts connections, as with the kernel. The engine never calls into the
     * ServiceManager, so waiting under its lock cannot deadlock.
     */
    @Override
    public void requestApplied() {
        awaitListeners(engine.sync());
    }

    private static void awaitListeners(CompletableFuture<Void> update) {
        try {
            update.get(LISTENER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the proxy engine did not follow a change in time: {}", e.toString());
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

    /** One trip to the engine's loop for a whole listing. */
    @Override
    public TrafficSource counters() {
        return engine.query(view -> CountsSnapshot.of(view.services())).join();
    }

    @Override
    public String dataPlane() {
        return "proxy";
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
