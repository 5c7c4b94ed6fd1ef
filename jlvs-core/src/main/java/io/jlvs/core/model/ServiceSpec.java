package io.jlvs.core.model;

import java.util.Objects;

/**
 * A virtual service as configured: everything ipvsadm -A/-E sets.
 *
 * @param key         what the service is keyed by
 * @param scheduler   the scheduler's name (rr, wlc, ...)
 * @param flags       IP_VS_SVC_F_* bits: PERSISTENT, ONEPACKET and the SCHED1..3 bits
 * @param timeout     the persistence timeout in seconds (meaningful when PERSISTENT)
 * @param netmask     the persistence granularity: an IPv4 mask as a host-order int, or an IPv6 prefix length
 * @param persistenceEngine the --pe name, or "" for none
 * @param proxyProtocol     the PROXY protocol header sent to real servers (jlvs's --proxy-protocol)
 */
public record ServiceSpec(ServiceKey key, String scheduler, int flags, int timeout, int netmask,
                          String persistenceEngine, ProxyProtocol proxyProtocol) {

    /** ipvsadm's default persistence timeout, in seconds. */
    public static final int DEFAULT_PERSISTENCE_TIMEOUT = 300;
    /** The default IPv4 persistence mask, 255.255.255.255. */
    public static final int DEFAULT_NETMASK_V4 = 0xFFFFFFFF;
    /** The default IPv6 persistence prefix length. */
    public static final int DEFAULT_PREFIX_V6 = 128;

    public ServiceSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(persistenceEngine, "persistenceEngine");
        Objects.requireNonNull(proxyProtocol, "proxyProtocol");
    }

    /** A service as ipvsadm configures it: no PROXY protocol header. */
    public ServiceSpec(ServiceKey key, String scheduler, int flags, int timeout, int netmask,
                       String persistenceEngine) {
        this(key, scheduler, flags, timeout, netmask, persistenceEngine, ProxyProtocol.NONE);
    }

    public boolean persistent() {
        return (flags & ServiceFlags.PERSISTENT) != 0;
    }

    public boolean onePacket() {
        return (flags & ServiceFlags.ONEPACKET) != 0;
    }

    /** The same service with other settings. */
    public ServiceSpec withScheduler(String newScheduler) {
        return new ServiceSpec(key, newScheduler, flags, timeout, netmask, persistenceEngine, proxyProtocol);
    }

    /** The same service sending another PROXY protocol header. */
    public ServiceSpec withProxyProtocol(ProxyProtocol newProxyProtocol) {
        return new ServiceSpec(key, scheduler, flags, timeout, netmask, persistenceEngine, newProxyProtocol);
    }
}
