package io.jlvs.core.sched;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Builds services for scheduler tests. Real servers are named by one capital letter: "A" is
 * 10.0.0.1:80, "B" 10.0.0.2:80 and so on, so a run of schedules reads as a string like "CBACBA".
 */
final class SchedulerFixture {
    private final VirtualService service;
    private final Flow flow = new Flow().setIpv4(Protocol.TCP, 0xC0A80001, 40000, 0x0A000064, 80);

    private SchedulerFixture(String schedulerName, Scheduler scheduler) {
        ServiceKey key = new ServiceKey.Address(Protocol.TCP, address(100), 80);
        this.service = new VirtualService(new ServiceSpec(key, schedulerName, 0, 0, 0, ""), scheduler);
    }

    /** A service bound to a fresh instance of the named scheduler, from the registry. */
    static SchedulerFixture of(String schedulerName) {
        return of(schedulerName, SchedulerContext.standard());
    }

    static SchedulerFixture of(String schedulerName, SchedulerContext context) {
        Scheduler scheduler = SchedulerRegistry.create(schedulerName, context)
                .orElseThrow(() -> new AssertionError("no scheduler " + schedulerName));
        return new SchedulerFixture(schedulerName, scheduler);
    }

    VirtualService service() {
        return service;
    }

    /** Adds servers in the order given, with these weights: add("ABC", 4, 3, 2). */
    SchedulerFixture add(String names, int... weights) {
        if (names.length() != weights.length) {
            throw new IllegalArgumentException("one weight per name");
        }
        for (int i = 0; i < weights.length; i++) {
            service.addDestination(spec(names.charAt(i), weights[i]));
        }
        return this;
    }

    /** Edits a server's weight (ipvsadm -e ... -w). */
    SchedulerFixture weight(char name, int weight) {
        service.editDestination(server(name), spec(name, weight));
        return this;
    }

    SchedulerFixture remove(char name) {
        service.removeDestination(server(name));
        return this;
    }

    SchedulerFixture overload(char name, boolean overloaded) {
        server(name).setOverloaded(overloaded);
        return this;
    }

    /** Sets a server's connection counts. */
    SchedulerFixture conns(char name, int active, int inactive) {
        RealServer server = server(name);
        server.setActiveConns(active);
        server.setInactConns(inactive);
        return this;
    }

    /** The current server of that name. */
    RealServer server(char name) {
        RealServer server = service.find(address(name - 'A' + 1), 80);
        if (server == null) {
            throw new IllegalArgumentException("no server " + name);
        }
        return server;
    }

    /** One schedule: the server's letter, or '-' when the scheduler returns null. */
    char next() {
        return letter(service.scheduler().schedule(service, flow, 0L));
    }

    /** n schedules as a string of letters ('-' for null). */
    String next(int n) {
        StringBuilder picks = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            picks.append(next());
        }
        return picks.toString();
    }

    /** The list as the kernel holds it, newest first, e.g. "CBA". */
    String order() {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < service.destinationCount(); i++) {
            names.append(letter(service.destination(i)));
        }
        return names.toString();
    }

    static char letter(RealServer server) {
        return server == null ? '-' : (char) ('A' + (server.address().getAddress()[3] & 0xFF) - 1);
    }

    static DestinationSpec spec(char name, int weight) {
        return DestinationSpec.of(address(name - 'A' + 1), 80, ForwardMethod.MASQ, weight);
    }

    private static InetAddress address(int lastOctet) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) lastOctet});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
