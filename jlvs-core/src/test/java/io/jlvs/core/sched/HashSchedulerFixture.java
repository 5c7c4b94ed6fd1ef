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

/** Builders the hash and locality scheduler tests share. */
final class HashSchedulerFixture {
    static final long SECOND = 1_000_000_000L;

    private HashSchedulerFixture() {
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A TCP service on vip:80 with the given scheduler and flags. */
    static VirtualService service(String vip, Scheduler scheduler, String name, int flags) {
        ServiceSpec spec = new ServiceSpec(new ServiceKey.Address(Protocol.TCP, ip(vip), 80), name, flags, 0,
                ServiceSpec.DEFAULT_NETMASK_V4, "");
        return new VirtualService(spec, scheduler);
    }

    static VirtualService service(Scheduler scheduler, String name, int flags) {
        return service("10.0.0.100", scheduler, name, flags);
    }

    /** Adds address:80 with a weight; it goes to the head of the list. */
    static RealServer add(VirtualService service, String address, int weight) {
        return service.addDestination(DestinationSpec.of(ip(address), 80, ForwardMethod.MASQ, weight));
    }

    /** Edits a server's weight (ipvsadm -e). */
    static void setWeight(VirtualService service, RealServer dest, int weight) {
        DestinationSpec old = dest.spec();
        service.editDestination(dest, new DestinationSpec(old.address(), old.port(), old.method(), weight,
                old.upperThreshold(), old.lowerThreshold(), old.tunnelType(), old.tunnelPort(), old.tunnelFlags()));
    }

    /** A TCP flow from client:clientPort to destination:80. */
    static Flow flow(String client, int clientPort, String destination) {
        return new Flow().set(Protocol.TCP, ip(client), clientPort, ip(destination), 80);
    }

    static Flow flowFrom(String client) {
        return flow(client, 40000, "10.0.0.100");
    }

    static Flow flowTo(String destination) {
        return flow("172.16.0.1", 40000, destination);
    }

    /** The server's address, for readable assertions. */
    static String name(RealServer dest) {
        return dest == null ? null : dest.address().getHostAddress();
    }
}
