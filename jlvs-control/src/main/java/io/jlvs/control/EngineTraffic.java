package io.jlvs.control;

import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.api.LocalAddressStatus;
import io.jlvs.control.api.EngineCounter;
import io.jlvs.core.conn.ConnectionPage;
import io.jlvs.core.conn.ConnectionSnapshot;
import io.jlvs.core.engine.DataPlane;
import io.jlvs.core.engine.TableSnapshot;
import io.jlvs.core.model.ServiceKey;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What listings read from an attached engine: one snapshot of its table per listing, and its
 * connection entries page by page (each page one short task on the engine's thread; formatting
 * happens here, on the control thread). Every wait has the manager's engine timeout; an engine that
 * does not answer in time becomes an {@link EngineUnavailableException}, never a hang.
 */
final class EngineTraffic implements TrafficSource {
    /** Entries one page copies, and slots one page may look at. */
    static final int PAGE_ENTRIES = 4096;
    static final int PAGE_SLOTS = 65536;

    private final DataPlane engine;
    private final Duration timeout;
    private final TableSnapshot snapshot;

    EngineTraffic(DataPlane engine, Duration timeout) {
        this(engine, timeout, null);
    }

    private EngineTraffic(DataPlane engine, Duration timeout, TableSnapshot snapshot) {
        this.engine = engine;
        this.timeout = timeout;
        this.snapshot = snapshot;
    }

    @Override
    public TrafficSource counters() {
        return new EngineTraffic(engine, timeout, await(engine.snapshot(), "list its services"));
    }

    @Override
    public ServiceCounters service(ServiceKey key) {
        TableSnapshot.Service service = table().service(key);
        return service == null ? ServiceCounters.ZERO : new ServiceCounters(service.stats(), service.rates());
    }

    @Override
    public DestinationCounters destination(ServiceKey key, InetAddress address, int port) {
        TableSnapshot.Service service = table().service(key);
        TableSnapshot.Destination d = service == null ? null : service.destination(address, port);
        return d == null ? DestinationCounters.ZERO
                : new DestinationCounters(d.activeConns(), d.inactConns(), d.persistConns(), d.stats(), d.rates());
    }

    @Override
    public LocalAddressStatus localAddress(ServiceKey key, InetAddress address) {
        TableSnapshot.Service service = table().service(key);
        TableSnapshot.LocalAddress local = service == null ? null : service.localAddress(address);
        return local == null ? new LocalAddressStatus(address, 0, 0)
                : new LocalAddressStatus(address, local.conflicts(), local.connections());
    }

    private TableSnapshot table() {
        return snapshot != null ? snapshot : await(engine.snapshot(), "list its services");
    }

    @Override
    public String dataPlane() {
        return engine.name();
    }

    @Override
    public List<EngineCounter> engineCounters() {
        Map<String, Long> counters = await(engine.counters(), "read its counters");
        List<EngineCounter> list = new ArrayList<>(counters.size());
        counters.forEach((name, value) -> list.add(new EngineCounter(name, value)));
        return list;
    }

    @Override
    public List<ConnectionEntry> connections() {
        List<ConnectionEntry> entries = new ArrayList<>();
        ConnectionPage page = new ConnectionPage(PAGE_ENTRIES, PAGE_SLOTS);
        int next = 0;
        do {
            await(engine.copyConnections(page, next), "list its connections");
            next = page.nextSlot();
            for (int r = 0; r < page.rows(); r++) {
                ConnectionSnapshot c = page.snapshot(r);
                entries.add(new ConnectionEntry(c.protocol(), c.expiresMillis(), c.state(), c.clientAddress(),
                        c.clientPort(), c.virtualAddress(), c.virtualPort(), c.destinationAddress(),
                        c.destinationPort(), "", ""));
            }
        } while (next != ConnectionPage.END);
        return entries;
    }

    private <T> T await(CompletableFuture<T> answer, String what) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineUnavailableException("the " + engine.name() + " engine did not " + what + " within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new EngineUnavailableException("the " + engine.name() + " engine could not " + what + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while the " + engine.name() + " engine was asked to "
                    + what);
        }
    }
}
