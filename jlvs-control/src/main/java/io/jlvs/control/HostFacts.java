package io.jlvs.control;

import io.jlvs.core.sched.SchedulerRegistry;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.OptionalInt;

/**
 * What validation needs to know about the host, as the kernel knows it when it checks a command:
 * which schedulers and persistence engines exist, which interfaces exist (and their MTU), and
 * which addresses are local.
 */
public interface HostFacts {

    /** Whether a scheduler of this name exists (the kernel's ip_vs_scheduler_get). */
    boolean schedulerExists(String name);

    /** Whether a persistence engine of this name exists (ip_vs_pe_getbyname). */
    boolean persistenceEngineExists(String name);

    /** The MTU of the named interface, or empty when there is no such interface. */
    OptionalInt interfaceMtu(String name);

    /** Whether the address is configured on this host. */
    boolean isLocalAddress(InetAddress address);

    /** This host: the SchedulerRegistry, the "sip" engine, and java.net's view of interfaces. */
    static HostFacts system() {
        return new HostFacts() {
            @Override
            public boolean schedulerExists(String name) {
                return SchedulerRegistry.exists(name);
            }

            @Override
            public boolean persistenceEngineExists(String name) {
                return "sip".equals(name);
            }

            @Override
            public OptionalInt interfaceMtu(String name) {
                try {
                    NetworkInterface nif = NetworkInterface.getByName(name);
                    return nif == null ? OptionalInt.empty() : OptionalInt.of(nif.getMTU());
                } catch (SocketException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean isLocalAddress(InetAddress address) {
                try {
                    return NetworkInterface.getByInetAddress(address) != null;
                } catch (SocketException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
