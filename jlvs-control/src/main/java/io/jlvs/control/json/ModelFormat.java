package io.jlvs.control.json;

import io.jlvs.control.api.ConnectionEntry;
import io.jlvs.control.api.EngineCounter;
import io.jlvs.control.api.DestinationStatus;
import io.jlvs.control.api.LocalAddressStatus;
import io.jlvs.control.api.ServiceLocalAddresses;
import io.jlvs.control.api.ServiceStatus;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TrafficRates;
import io.jlvs.core.model.TrafficStats;
import io.jlvs.core.model.TunnelType;

import java.net.InetAddress;
import java.util.List;

/**
 * The records inside requests and replies, written and read field for field under their
 * component names, as {@link JlvsJson} maps them for the state file. Two exceptions keep a
 * record short: TrafficStats and TrafficRates are arrays of their five counters in component order
 * (a listing travels packed now, but one from an older jlvsd still reads), and the properties that
 * are mostly at their default (see {@link #OPTIONAL}) are left out when they are, and read as that
 * default when absent. So a ServiceSpec without "proxyProtocol" (also from a client older than
 * that setting) is NONE.
 */
final class ModelFormat {
    /** The properties left out at their default: 0, "", the enum named, or counters all 0. */
    static final List<String> OPTIONAL = List.of("flags", "timeout", "persistenceEngine", "proxyProtocol=NONE",
            "upperThreshold", "lowerThreshold", "tunnelType=IPIP", "tunnelPort", "tunnelFlags",
            "activeConns", "inactConns", "persistConns", "stats", "rates", "persistenceData");

    private ModelFormat() {
    }

    static void write(JsonWriter out, ServiceKey key) {
        switch (key) {
            case ServiceKey.Address(Protocol protocol, InetAddress address, int port) -> out.beginTagged("Address")
                    .name("protocol").value(protocol).name("address").value(address.getHostAddress())
                    .name("port").value(port).endObject();
            case ServiceKey.Mark(AddressFamily family, int mark) -> out.beginTagged("Mark")
                    .name("family").value(family).name("mark").value(mark).endObject();
        }
    }

    static ServiceKey readKey(JsonFields in) {
        ServiceKey key = switch (in.string(JlvsJson.TYPE_PROPERTY)) {
            case "Address" -> new ServiceKey.Address(in.constant("protocol", Protocol.values()), in.address("address"),
                    in.integer("port"));
            case "Mark" -> new ServiceKey.Mark(in.constant("family", AddressFamily.values()), in.integer("mark"));
            default -> throw new IllegalArgumentException("unknown service key type \"" + in.string(JlvsJson.TYPE_PROPERTY) + "\"");
        };
        in.finish("a service key");
        return key;
    }

    /** A key that may be null: all services. */
    static void writeOptional(JsonWriter out, ServiceKey key) {
        if (key == null) {
            out.nullValue();
        } else {
            write(out, key);
        }
    }

    static ServiceKey readOptionalKey(JsonFields in, String name) {
        JsonFields key = in.optionalObject(name);
        return key == null ? null : readKey(key);
    }

    static void write(JsonWriter out, ServiceSpec spec) {
        out.beginObject().name("key");
        write(out, spec.key());
        out.name("scheduler").value(spec.scheduler()).unlessZero("flags", spec.flags())
                .unlessZero("timeout", spec.timeout()).name("netmask").value(spec.netmask())
                .unlessEmpty("persistenceEngine", spec.persistenceEngine())
                .unlessDefault("proxyProtocol", spec.proxyProtocol(), ProxyProtocol.NONE).endObject();
    }

    static ServiceSpec readServiceSpec(JsonFields in) {
        ServiceSpec spec = new ServiceSpec(readKey(in.object("key")), in.string("scheduler"), in.integerOr("flags", 0),
                in.integerOr("timeout", 0), in.integer("netmask"), in.stringOr("persistenceEngine", ""),
                in.optionalConstant("proxyProtocol", ProxyProtocol.values(), ProxyProtocol.NONE));
        in.finish("a service");
        return spec;
    }

    static void write(JsonWriter out, DestinationSpec spec) {
        out.beginObject().name("address").value(spec.address().getHostAddress()).name("port").value(spec.port())
                .name("method").value(spec.method()).name("weight").value(spec.weight())
                .unlessZero("upperThreshold", spec.upperThreshold()).unlessZero("lowerThreshold", spec.lowerThreshold())
                .unlessDefault("tunnelType", spec.tunnelType(), TunnelType.IPIP)
                .unlessZero("tunnelPort", spec.tunnelPort()).unlessZero("tunnelFlags", spec.tunnelFlags()).endObject();
    }

    static DestinationSpec readDestinationSpec(JsonFields in) {
        DestinationSpec spec = new DestinationSpec(in.address("address"), in.integer("port"),
                in.constant("method", ForwardMethod.values()), in.integer("weight"), in.integerOr("upperThreshold", 0),
                in.integerOr("lowerThreshold", 0), in.optionalConstant("tunnelType", TunnelType.values(), TunnelType.IPIP),
                in.integerOr("tunnelPort", 0), in.integerOr("tunnelFlags", 0));
        in.finish("a destination");
        return spec;
    }

    static void write(JsonWriter out, Timeouts timeouts) {
        out.beginObject().name("tcp").value(timeouts.tcp()).name("tcpFin").value(timeouts.tcpFin())
                .name("udp").value(timeouts.udp()).endObject();
    }

    static Timeouts readTimeouts(JsonFields in) {
        Timeouts timeouts = new Timeouts(in.integer("tcp"), in.integer("tcpFin"), in.integer("udp"));
        in.finish("the timeouts");
        return timeouts;
    }

    static void write(JsonWriter out, SyncDaemonSpec daemon) {
        out.beginObject().name("state").value(daemon.state()).name("interfaceName").value(daemon.interfaceName())
                .name("syncId").value(daemon.syncId()).name("maxLength").value(daemon.maxLength())
                .name("group").value(daemon.group()).name("port").value(daemon.port())
                .name("ttl").value(daemon.ttl()).endObject();
    }

    static void write(JsonWriter out, EngineCounter counter) {
        out.beginObject().name("name").value(counter.name()).name("value").value(counter.value()).endObject();
    }

    static EngineCounter readCounter(JsonFields in) {
        EngineCounter counter = new EngineCounter(in.string("name"), in.longInteger("value"));
        in.finish("a counter");
        return counter;
    }

    static SyncDaemonSpec readDaemon(JsonFields in) {
        SyncDaemonSpec daemon = new SyncDaemonSpec(in.constant("state", SyncDaemonSpec.State.values()),
                in.string("interfaceName"), in.integer("syncId"), in.integer("maxLength"), in.string("group"),
                in.integer("port"), in.integer("ttl"));
        in.finish("a sync daemon");
        return daemon;
    }

    static ServiceStatus readServiceStatus(JsonFields in) {
        ServiceStatus status = new ServiceStatus(readServiceSpec(in.object("spec")), readStats(in, "stats"),
                readRates(in, "rates"), in.list("destinations", "a destination", ModelFormat::readDestinationStatus));
        in.finish("a service's status");
        return status;
    }

    static DestinationStatus readDestinationStatus(JsonFields in) {
        DestinationStatus status = new DestinationStatus(readDestinationSpec(in.object("spec")),
                in.integerOr("activeConns", 0), in.integerOr("inactConns", 0), in.integerOr("persistConns", 0),
                readStats(in, "stats"), readRates(in, "rates"));
        in.finish("a destination's status");
        return status;
    }

    static TrafficStats readStats(JsonFields in, String name) {
        if (!in.has(name)) {
            return TrafficStats.ZERO;
        }
        long[] c = readCounters(in, name);
        return new TrafficStats(c[0], c[1], c[2], c[3], c[4]);
    }

    static TrafficRates readRates(JsonFields in, String name) {
        if (!in.has(name)) {
            return TrafficRates.ZERO;
        }
        long[] c = readCounters(in, name);
        return new TrafficRates(c[0], c[1], c[2], c[3], c[4]);
    }

    /** Five counters: conns, packets in, packets out, bytes in, bytes out. */
    private static long[] readCounters(JsonFields in, String name) {
        List<?> items = in.array(name);
        if (items.size() != 5) {
            throw new IllegalArgumentException("property '" + name + "' must hold 5 counters, not " + items.size());
        }
        long[] counters = new long[5];
        for (int i = 0; i < 5; i++) {
            if (!(items.get(i) instanceof Long counter)) {
                throw new IllegalArgumentException("property '" + name + "' must hold integers");
            }
            counters[i] = counter;
        }
        return counters;
    }

    static void write(JsonWriter out, ServiceLocalAddresses service) {
        out.beginObject().name("key");
        write(out, service.key());
        out.array("addresses", service.addresses(), ModelFormat::write).endObject();
    }

    static ServiceLocalAddresses readServiceLocalAddresses(JsonFields in) {
        ServiceLocalAddresses service = new ServiceLocalAddresses(readKey(in.object("key")),
                in.list("addresses", "a local address", ModelFormat::readLocalAddress));
        in.finish("a service's local addresses");
        return service;
    }

    static void write(JsonWriter out, LocalAddressStatus local) {
        out.beginObject().name("address").value(local.address().getHostAddress())
                .name("conflicts").value(local.conflicts()).name("connections").value(local.connections()).endObject();
    }

    static LocalAddressStatus readLocalAddress(JsonFields in) {
        LocalAddressStatus local = new LocalAddressStatus(in.address("address"), in.longInteger("conflicts"),
                in.integer("connections"));
        in.finish("a local address");
        return local;
    }

    static void write(JsonWriter out, ConnectionEntry entry) {
        out.beginObject().name("protocol").value(entry.protocol()).name("expiresMillis").value(entry.expiresMillis())
                .name("state").value(entry.state())
                .name("clientAddress").value(entry.clientAddress().getHostAddress()).name("clientPort").value(entry.clientPort())
                .name("virtualAddress").value(entry.virtualAddress().getHostAddress()).name("virtualPort").value(entry.virtualPort())
                .name("destinationAddress").value(entry.destinationAddress().getHostAddress())
                .name("destinationPort").value(entry.destinationPort())
                .unlessEmpty("persistenceEngine", entry.persistenceEngine())
                .unlessEmpty("persistenceData", entry.persistenceData()).endObject();
    }

    static ConnectionEntry readConnection(JsonFields in) {
        ConnectionEntry entry = new ConnectionEntry(in.string("protocol"), in.longInteger("expiresMillis"),
                in.string("state"), in.address("clientAddress"), in.integer("clientPort"),
                in.address("virtualAddress"), in.integer("virtualPort"),
                in.address("destinationAddress"), in.integer("destinationPort"),
                in.stringOr("persistenceEngine", ""), in.stringOr("persistenceData", ""));
        in.finish("a connection entry");
        return entry;
    }
}
