package io.jlvs.control;

import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.api.LocalAddressStatus;
import io.jlvs.control.api.EngineCounter;
import io.jlvs.core.model.ServiceKey;

import java.net.InetAddress;
import java.util.List;

/**
 * The hook through which engines supply what the table itself does not hold: counters, rates,
 * connection counts and connection entries. Queries read it without the engines' locks; every
 * method defaults to "nothing yet", which is what a table without an engine reports.
 */
public interface TrafficSource {

    /** No engine: all zeros and no connections. */
    TrafficSource NONE = new TrafficSource() {
    };

    /** The counters of a service. */
    default ServiceCounters service(ServiceKey key) {
        return ServiceCounters.ZERO;
    }

    /** The counters of one real server of a service. */
    default DestinationCounters destination(ServiceKey key, InetAddress address, int port) {
        return DestinationCounters.ZERO;
    }

    /** The counts of one FULLNAT local address of a service (none without an engine that uses them). */
    default LocalAddressStatus localAddress(ServiceKey key, InetAddress address) {
        return new LocalAddressStatus(address, 0, 0);
    }

    /**
     * The counters of every service and real server at one instant, for one listing. An engine
     * that answers from another thread copies them all in one go instead of one call per line.
     */
    default TrafficSource counters() {
        return this;
    }

    /** The data plane's name, as jlvs adm reports it ("none" without an engine). */
    default String dataPlane() {
        return "none";
    }

    /** The data plane's own counters, in its order (none without an engine). */
    default List<EngineCounter> engineCounters() {
        return List.of();
    }

    /** The connection entries, as ipvsadm -Lc lists them. */
    default List<ConnectionEntry> connections() {
        return List.of();
    }
}
