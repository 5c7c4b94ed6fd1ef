package io.jlvs.control.runtime;

import io.jlvs.control.DestinationCounters;
import io.jlvs.control.ServiceCounters;
import io.jlvs.control.TrafficSource;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;
import io.jlvs.core.service.VirtualServiceTable;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** The counters of a run-time table copied out at one instant, so a listing reads them without the engine. */
public record CountsSnapshot(Map<ServiceKey, ServiceCounters> services,
                             Map<ServiceKey, Map<RealServerAddress, DestinationCounters>> destinations)
        implements TrafficSource {

    /** A real server of a service, as the snapshot keys it. */
    public record RealServerAddress(InetAddress address, int port) {
    }

    /** Copies every counter of the table (on the thread that owns it). */
    public static CountsSnapshot of(VirtualServiceTable table) {
        Map<ServiceKey, ServiceCounters> services = new HashMap<>();
        Map<ServiceKey, Map<RealServerAddress, DestinationCounters>> destinations = new HashMap<>();
        for (VirtualService service : table.services()) {
            services.put(service.key(), ServiceRuntime.counters(service));
            Map<RealServerAddress, DestinationCounters> byAddress = new HashMap<>();
            for (RealServer dest : service.destinations()) {
                byAddress.put(new RealServerAddress(dest.address(), dest.port()), ServiceRuntime.counters(dest));
            }
            destinations.put(service.key(), byAddress);
        }
        return new CountsSnapshot(services, destinations);
    }

    @Override
    public ServiceCounters service(ServiceKey key) {
        return services.getOrDefault(key, ServiceCounters.ZERO);
    }

    @Override
    public DestinationCounters destination(ServiceKey key, InetAddress address, int port) {
        return destinations.getOrDefault(key, Map.of()).getOrDefault(new RealServerAddress(address, port),
                DestinationCounters.ZERO);
    }
}
