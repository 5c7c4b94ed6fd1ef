package io.jlvs.control.binary;

import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.Reply;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;
import io.jlvs.core.model.TunnelType;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The Services reply (a listing) in binary, as it travels packed on the control socket: jlvs adm
 * reads it once per call on cold code, where each byte of a 1,000-service listing in JSON cost it
 * time. Numbers are varints (most are small or zero), enums go by name, counters that are all zero
 * (a listing without traffic) take one byte.
 * <pre>
 * services    = tableSize:var count:var service*
 * service     = spec counters(stats) counters(rates) count:var destination*
 * spec        = key scheduler:string flags:var timeout:var netmask:var pe:string proxyProtocol:name
 * key         = 0:u8 protocol:name address port:var  |  1:u8 family:name mark:var
 * destination = address port:var method:name weight:var upper:var lower:var tunnelType:name
 *               tunnelPort:var tunnelFlags:var active:var inact:var persist:var counters counters
 * counters    = 0:u8 (all five are 0)  |  1:u8 five var64
 * var         = an int's 32 bits unsigned, LEB128 (a negative int takes 5 bytes); var64 the same for 64
 * </pre>
 * Address, string and name are as in {@link BinaryCodec}; {@link ByteCursor} reads them.
 */
public final class ServiceListCodec {
    private static final int KEY_ADDRESS = 0;
    private static final int KEY_MARK = 1;
    private static final int ZERO_COUNTERS = 0;
    private static final int COUNTERS = 1;

    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final AddressFamily[] FAMILIES = AddressFamily.values();
    private static final ForwardMethod[] METHODS = ForwardMethod.values();
    private static final TunnelType[] TUNNEL_TYPES = TunnelType.values();
    private static final ProxyProtocol[] PROXY_PROTOCOLS = ProxyProtocol.values();

    private ServiceListCodec() {
    }

    /** A listing as bytes. */
    public static byte[] encode(Reply.Services services) {
        GrowableBuffer out = new GrowableBuffer(64 + 64 * services.services().size());
        out.var(services.connectionTableSize()).var(services.services().size());
        for (ServiceStatus service : services.services()) {
            writeSpec(out, service.spec());
            writeCounters(out, service.stats());
            writeCounters(out, service.rates());
            out.var(service.destinations().size());
            for (DestinationStatus destination : service.destinations()) {
                writeDestination(out, destination);
            }
        }
        return out.toArray();
    }

    /** A whole payload holding one listing. */
    public static Reply.Services decode(byte[] bytes) throws BinaryCodec.MalformedException {
        try {
            return read(new ByteCursor(bytes));
        } catch (IllegalArgumentException | NullPointerException e) {
            // a value a record refuses (a port past 65535, say)
            throw new BinaryCodec.MalformedException(e.getMessage());
        }
    }

    private static Reply.Services read(ByteCursor in) throws BinaryCodec.MalformedException {
        int tableSize = in.var();
        int count = count(in);
        List<ServiceStatus> services = new ArrayList<>(count);
        ServiceSpec previous = null;
        for (int i = 0; i < count; i++) {
            ServiceSpec spec = readSpec(in, previous);
            TrafficStats stats = readStats(in);
            TrafficRates rates = readRates(in);
            DestinationStatus[] destinations = new DestinationStatus[count(in)];
            for (int j = 0; j < destinations.length; j++) {
                destinations[j] = readDestination(in);
            }
            services.add(new ServiceStatus(spec, stats, rates, List.of(destinations)));
            previous = spec;
        }
        if (!in.atEnd()) {
            throw new BinaryCodec.MalformedException(in.remaining() + " bytes after the end");
        }
        return new Reply.Services(tableSize, services);
    }

    /** A count, checked against the bytes left (each member takes one at least). */
    private static int count(ByteCursor in) throws BinaryCodec.MalformedException {
        int count = in.var();
        if (count < 0 || count > in.remaining()) {
            throw new BinaryCodec.MalformedException("a count of " + Integer.toUnsignedString(count) + " with "
                    + in.remaining() + " bytes left");
        }
        return count;
    }

    private static void writeSpec(GrowableBuffer out, ServiceSpec spec) {
        if (spec.key() instanceof ServiceKey.Address a) {
            BinaryCodec.writeAddress(out.u8(KEY_ADDRESS).string(a.protocol().name()), a.address()).var(a.port());
        } else {
            ServiceKey.Mark m = (ServiceKey.Mark) spec.key();
            out.u8(KEY_MARK).string(m.family().name()).var(m.mark());
        }
        out.string(spec.scheduler()).var(spec.flags()).var(spec.timeout()).var(spec.netmask())
                .string(spec.persistenceEngine()).string(spec.proxyProtocol().name());
    }

    /** A spec; its strings are previous's when they are the same (a listing's services mostly share them). */
    private static ServiceSpec readSpec(ByteCursor in, ServiceSpec previous) throws BinaryCodec.MalformedException {
        int kind = in.u8();
        ServiceKey key = switch (kind) {
            case KEY_ADDRESS -> new ServiceKey.Address(in.constant(PROTOCOLS), in.address(), in.var());
            case KEY_MARK -> new ServiceKey.Mark(in.constant(FAMILIES), in.var());
            default -> throw new BinaryCodec.MalformedException("unknown service key kind " + kind);
        };
        return new ServiceSpec(key, in.string(previous == null ? null : previous.scheduler()), in.var(), in.var(),
                in.var(), in.string(previous == null ? null : previous.persistenceEngine()), in.constant(PROXY_PROTOCOLS));
    }

    private static void writeDestination(GrowableBuffer out, DestinationStatus destination) {
        DestinationSpec d = destination.spec();
        BinaryCodec.writeAddress(out, d.address()).var(d.port()).string(d.method().name()).var(d.weight())
                .var(d.upperThreshold()).var(d.lowerThreshold()).string(d.tunnelType().name()).var(d.tunnelPort())
                .var(d.tunnelFlags()).var(destination.activeConns()).var(destination.inactConns())
                .var(destination.persistConns());
        writeCounters(out, destination.stats());
        writeCounters(out, destination.rates());
    }

    private static DestinationStatus readDestination(ByteCursor in) throws BinaryCodec.MalformedException {
        InetAddress address = in.address();
        DestinationSpec spec = new DestinationSpec(address, in.var(), in.constant(METHODS), in.var(), in.var(), in.var(),
                in.constant(TUNNEL_TYPES), in.var(), in.var());
        return new DestinationStatus(spec, in.var(), in.var(), in.var(), readStats(in), readRates(in));
    }

    private static void writeCounters(GrowableBuffer out, TrafficStats s) {
        writeCounters(out, s.conns(), s.inPackets(), s.outPackets(), s.inBytes(), s.outBytes());
    }

    private static void writeCounters(GrowableBuffer out, TrafficRates r) {
        writeCounters(out, r.connsPerSecond(), r.inPacketsPerSecond(), r.outPacketsPerSecond(), r.inBytesPerSecond(),
                r.outBytesPerSecond());
    }

    private static void writeCounters(GrowableBuffer out, long a, long b, long c, long d, long e) {
        if ((a | b | c | d | e) == 0) {
            out.u8(ZERO_COUNTERS);
        } else {
            out.u8(COUNTERS).var64(a).var64(b).var64(c).var64(d).var64(e);
        }
    }

    private static TrafficStats readStats(ByteCursor in) throws BinaryCodec.MalformedException {
        return countersFollow(in) ? new TrafficStats(in.var64(), in.var64(), in.var64(), in.var64(), in.var64())
                : TrafficStats.ZERO;
    }

    private static TrafficRates readRates(ByteCursor in) throws BinaryCodec.MalformedException {
        return countersFollow(in) ? new TrafficRates(in.var64(), in.var64(), in.var64(), in.var64(), in.var64())
                : TrafficRates.ZERO;
    }

    private static boolean countersFollow(ByteCursor in) throws BinaryCodec.MalformedException {
        int tag = in.u8();
        if (tag != ZERO_COUNTERS && tag != COUNTERS) {
            throw new BinaryCodec.MalformedException("unknown counters tag " + tag);
        }
        return tag == COUNTERS;
    }
}
