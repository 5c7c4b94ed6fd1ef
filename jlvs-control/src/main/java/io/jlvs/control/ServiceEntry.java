package io.jlvs.control;

import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One virtual service in the table: its configuration, its real servers, newest first, the
 * order of the kernel's svc->destinations list (list_add at the head) and of ipvsadm -L, and its
 * FULLNAT local addresses in the order added (Alibaba's svc->laddr_list, list_add_tail).
 */
public record ServiceEntry(ServiceSpec spec, List<DestinationSpec> destinations, List<InetAddress> localAddresses) {

    /** localAddresses null is none: a state.json written before jlvs had them. */
    public ServiceEntry {
        Objects.requireNonNull(spec, "spec");
        destinations = List.copyOf(destinations);
        localAddresses = localAddresses == null ? List.of() : List.copyOf(localAddresses);
    }

    /** A service without local addresses. */
    public ServiceEntry(ServiceSpec spec, List<DestinationSpec> destinations) {
        this(spec, destinations, List.of());
    }

    /** A service without real servers. */
    public static ServiceEntry of(ServiceSpec spec) {
        return new ServiceEntry(spec, List.of());
    }

    public ServiceKey key() {
        return spec.key();
    }

    /** The real server at this address and port, if the service has it. */
    public Optional<DestinationSpec> destination(InetAddress address, int port) {
        // a loop, not a stream: the rules call this for every -a, and a restore replays 100,000 of them
        for (DestinationSpec d : destinations) {
            if (d.sameServer(address, port)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Whether the service has a real server at this address and port (the rules' check, which allocates nothing). */
    public boolean hasDestination(InetAddress address, int port) {
        for (int i = 0; i < destinations.size(); i++) {
            if (destinations.get(i).sameServer(address, port)) {
                return true;
            }
        }
        return false;
    }

    /** This service with another configuration and the same real servers and local addresses. */
    public ServiceEntry withSpec(ServiceSpec newSpec) {
        return new ServiceEntry(newSpec, destinations, localAddresses);
    }

    /** This service with a new real server at the head of the list. */
    public ServiceEntry withDestinationAdded(DestinationSpec destination) {
        DestinationSpec[] list = new DestinationSpec[destinations.size() + 1];
        list[0] = destination;
        for (int i = 1; i < list.length; i++) {
            list[i] = destinations.get(i - 1);
        }
        return new ServiceEntry(spec, Arrays.asList(list), localAddresses);
    }

    /** This service with the real server of the same address and port replaced in place. */
    public ServiceEntry withDestinationReplaced(DestinationSpec destination) {
        List<DestinationSpec> list = new ArrayList<>(destinations.size());
        for (DestinationSpec d : destinations) {
            list.add(d.sameServer(destination.address(), destination.port()) ? destination : d);
        }
        return new ServiceEntry(spec, list, localAddresses);
    }

    /** This service without the real server at this address and port. */
    public ServiceEntry withDestinationRemoved(InetAddress address, int port) {
        List<DestinationSpec> list = new ArrayList<>(destinations);
        list.removeIf(d -> d.sameServer(address, port));
        return new ServiceEntry(spec, list, localAddresses);
    }

    /** This service with a local address at the end of its list. */
    public ServiceEntry withLocalAddressAdded(InetAddress address) {
        List<InetAddress> list = new ArrayList<>(localAddresses.size() + 1);
        list.addAll(localAddresses);
        list.add(address);
        return new ServiceEntry(spec, destinations, list);
    }

    /** This service without this local address. */
    public ServiceEntry withLocalAddressRemoved(InetAddress address) {
        List<InetAddress> list = new ArrayList<>(localAddresses);
        list.remove(address);
        return new ServiceEntry(spec, destinations, list);
    }
}
