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
import java.nio.ByteBuffer;
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
 * Address, string and name are as in {@link BinaryCodec}.
 */
public final class ServiceListCodec {
    private static final int KEY_ADDRESS = 0;
    private static final int KEY_MARK = 1;
    private static final int ZERO_COUNTERS = 0;
    private static final int COUNTERS = 1;
    private static final int MAX_VAR64_BYTES = 10;

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
    public static Reply.Services decode(ByteBuffer in) throws BinaryCodec.MalformedException {
        return BinaryCodec.read(in, () -> {
            int tableSize = var(in);
            int count = BinaryCodec.count(in, var(in));
            List<ServiceStatus> services = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ServiceSpec spec = readSpec(in);
                TrafficStats stats = readStats(in);
                TrafficRates rates = readRates(in);
                int destinationCount = BinaryCodec.count(in, var(in));
                DestinationStatus[] destinations = new DestinationStatus[destinationCount];
                for (int j = 0; j < destinationCount; j++) {
                    destinations[j] = readDestination(in);
                }
                services.add(new ServiceStatus(spec, stats, rates, List.of(destinations)));
            }
            BinaryCodec.end(in);
            return new Reply.Services(tableSize, services);
        });
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

    private static ServiceSpec readSpec(ByteBuffer in) throws BinaryCodec.MalformedException {
        int kind = in.get();
        ServiceKey key = switch (kind) {
            case KEY_ADDRESS -> new ServiceKey.Address(constant(in, PROTOCOLS), BinaryCodec.readAddress(in), var(in));
            case KEY_MARK -> new ServiceKey.Mark(constant(in, FAMILIES), var(in));
            default -> throw new BinaryCodec.MalformedException("unknown service key kind " + kind);
        };
        return new ServiceSpec(key, BinaryCodec.string(in), var(in), var(in), var(in), BinaryCodec.string(in),
                constant(in, PROXY_PROTOCOLS));
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

    private static DestinationStatus readDestination(ByteBuffer in) throws BinaryCodec.MalformedException {
        InetAddress address = BinaryCodec.readAddress(in);
        DestinationSpec spec = new DestinationSpec(address, var(in), constant(in, METHODS), var(in), var(in), var(in),
                constant(in, TUNNEL_TYPES), var(in), var(in));
        return new DestinationStatus(spec, var(in), var(in), var(in), readStats(in), readRates(in));
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

    private static TrafficStats readStats(ByteBuffer in) throws BinaryCodec.MalformedException {
        return countersFollow(in) ? new TrafficStats(var64(in), var64(in), var64(in), var64(in), var64(in))
                : TrafficStats.ZERO;
    }

    private static TrafficRates readRates(ByteBuffer in) throws BinaryCodec.MalformedException {
        return countersFollow(in) ? new TrafficRates(var64(in), var64(in), var64(in), var64(in), var64(in))
                : TrafficRates.ZERO;
    }

    private static boolean countersFollow(ByteBuffer in) throws BinaryCodec.MalformedException {
        int tag = in.get();
        if (tag != ZERO_COUNTERS && tag != COUNTERS) {
            throw new BinaryCodec.MalformedException("unknown counters tag " + tag);
        }
        return tag == COUNTERS;
    }

    /** An enum constant by name, looked up among values (Enum.valueOf would reflect, on cold code). */
    private static <E extends Enum<E>> E constant(ByteBuffer in, E[] values) throws BinaryCodec.MalformedException {
        String name = BinaryCodec.string(in);
        for (E value : values) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        throw new BinaryCodec.MalformedException("\"" + name + "\" is not a "
                + values[0].getDeclaringClass().getSimpleName());
    }

    /** A var holding an int's 32 bits. */
    private static int var(ByteBuffer in) throws BinaryCodec.MalformedException {
        long value = var64(in);
        if (value >>> Integer.SIZE != 0) {
            throw new BinaryCodec.MalformedException("a number of more than 32 bits where an int belongs");
        }
        return (int) value;
    }

    private static long var64(ByteBuffer in) throws BinaryCodec.MalformedException {
        long value = 0;
        for (int i = 0; i < MAX_VAR64_BYTES; i++) {
            int b = in.get();
            value |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) {
                return value;
            }
        }
        throw new BinaryCodec.MalformedException("a number longer than " + MAX_VAR64_BYTES + " bytes");
    }
}
