package io.jlvs.control.binary;

import io.jlvs.control.ServiceEntry;
import io.jlvs.control.ServiceTable;
import io.jlvs.control.api.Command;
import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.model.DestinationSpec;
import io.jlvs.core.model.ForwardMethod;
import io.jlvs.core.model.Protocol;
import io.jlvs.core.model.ProxyProtocol;
import io.jlvs.core.model.ServiceKey;
import io.jlvs.core.model.ServiceSpec;
import io.jlvs.core.model.SyncDaemonSpec;
import io.jlvs.core.model.Timeouts;
import io.jlvs.core.model.TunnelType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of the table (the snapshot's body) and of commands (a journal record's
 * payload, and a Batch on the control socket, where JSON would cost more than the batch itself),
 * big-endian. Enums are written by name, so reordering one breaks no file; an address
 * is its length (4 or 16) and bytes; a string its UTF-8 length (u16) and bytes; a list its count
 * (u32) and members.
 * <pre>
 * table    = timeouts daemon-list service-list
 * timeouts = tcp:i32 tcpFin:i32 udp:i32
 * daemon   = state:name interface:string syncId:i32 maxLength:i32 group:string port:i32 ttl:i32
 * service  = spec destination-list address-list   (version 2: the FULLNAT local addresses)
 *          | spec destination-list                (version 1, read only)
 * spec     = key scheduler:string flags:i32 timeout:i32 netmask:i32 pe:string proxyProtocol:name
 * key      = 0:u8 protocol:name address port:i32  |  1:u8 family:name mark:i32
 * dest     = address port:i32 method:name weight:i32 upper:i32 lower:i32 tunnelType:name
 *            tunnelPort:i32 tunnelFlags:i32
 * command  = tag:u8 fields  (tags below; a Zero's key is preceded by 1, or is just 0 for all;
 *            a local address command is its key and the address)
 * </pre>
 */
public final class BinaryCodec {
    private static final int ADD_SERVICE = 1;
    private static final int EDIT_SERVICE = 2;
    private static final int DEL_SERVICE = 3;
    private static final int FLUSH = 4;
    private static final int ADD_DEST = 5;
    private static final int EDIT_DEST = 6;
    private static final int DEL_DEST = 7;
    private static final int ZERO = 8;
    private static final int SET_TIMEOUTS = 9;
    private static final int START_DAEMON = 10;
    private static final int STOP_DAEMON = 11;
    private static final int BATCH = 12;
    private static final int ADD_LOCAL_ADDRESS = 13;
    private static final int DEL_LOCAL_ADDRESS = 14;
    /** The table form {@link #writeTable} writes: 2 has each service's local addresses, 1 has none. */
    public static final int TABLE_VERSION = 2;
    private static final int KEY_ADDRESS = 0;
    private static final int KEY_MARK = 1;

    private BinaryCodec() {
    }

    /** Thrown for bytes that are not what this codec writes. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    public static void writeTable(GrowableBuffer out, ServiceTable table) {
        Timeouts t = table.timeouts();
        out.i32(t.tcp()).i32(t.tcpFin()).i32(t.udp());
        out.i32(table.daemons().size());
        for (SyncDaemonSpec d : table.daemons()) {
            writeDaemon(out, d);
        }
        out.i32(table.services().size());
        for (ServiceEntry service : table.services()) {
            writeSpec(out, service.spec());
            out.i32(service.destinations().size());
            for (DestinationSpec d : service.destinations()) {
                writeDestination(out, d);
            }
            out.i32(service.localAddresses().size());
            for (InetAddress local : service.localAddresses()) {
                writeAddress(out, local);
            }
        }
    }

    /** A table in the current form. */
    public static ServiceTable readTable(ByteBuffer in) throws MalformedException {
        return readTable(in, TABLE_VERSION);
    }

    /** A table in the form of this version (1 or 2). */
    public static ServiceTable readTable(ByteBuffer in, int version) throws MalformedException {
        if (version != 1 && version != TABLE_VERSION) {
            throw new MalformedException("a table of version " + version);
        }
        return read(in, () -> {
            Timeouts timeouts = new Timeouts(in.getInt(), in.getInt(), in.getInt());
            int daemonCount = count(in);
            List<SyncDaemonSpec> daemons = new ArrayList<>(daemonCount);
            for (int i = 0; i < daemonCount; i++) {
                daemons.add(readDaemon(in));
            }
            int serviceCount = count(in);
            List<ServiceEntry> services = new ArrayList<>(serviceCount);
            for (int i = 0; i < serviceCount; i++) {
                ServiceSpec spec = readSpec(in);
                int destinationCount = count(in);
                DestinationSpec[] destinations = new DestinationSpec[destinationCount];
                for (int j = 0; j < destinationCount; j++) {
                    destinations[j] = readDestination(in);
                }
                List<InetAddress> locals = List.of();
                if (version >= 2) {
                    int localCount = count(in);
                    InetAddress[] addresses = new InetAddress[localCount];
                    for (int j = 0; j < localCount; j++) {
                        addresses[j] = readAddress(in);
                    }
                    locals = List.of(addresses);
                }
                services.add(new ServiceEntry(spec, List.of(destinations), locals));
            }
            end(in);
            return new ServiceTable(services, timeouts, daemons);
        });
    }

    public static void writeCommand(GrowableBuffer out, Command command) {
        switch (command) {
            case Command.AddService c -> writeSpec(out.u8(ADD_SERVICE), c.service());
            case Command.EditService c -> writeSpec(out.u8(EDIT_SERVICE), c.service());
            case Command.DelService c -> writeKey(out.u8(DEL_SERVICE), c.key());
            case Command.Flush c -> out.u8(FLUSH);
            case Command.AddDest c -> writeDestination(writeKey(out.u8(ADD_DEST), c.key()), c.destination());
            case Command.EditDest c -> writeDestination(writeKey(out.u8(EDIT_DEST), c.key()), c.destination());
            case Command.DelDest c -> writeAddress(writeKey(out.u8(DEL_DEST), c.key()), c.address()).i32(c.port());
            case Command.AddLocalAddress c -> writeAddress(writeKey(out.u8(ADD_LOCAL_ADDRESS), c.key()), c.address());
            case Command.DelLocalAddress c -> writeAddress(writeKey(out.u8(DEL_LOCAL_ADDRESS), c.key()), c.address());
            case Command.Zero c -> {
                out.u8(ZERO).u8(c.key() == null ? 0 : 1);
                if (c.key() != null) {
                    writeKey(out, c.key());
                }
            }
            case Command.SetTimeouts c -> out.u8(SET_TIMEOUTS).i32(c.timeouts().tcp()).i32(c.timeouts().tcpFin())
                    .i32(c.timeouts().udp());
            case Command.StartDaemon c -> writeDaemon(out.u8(START_DAEMON), c.daemon());
            case Command.StopDaemon c -> out.u8(STOP_DAEMON).string(c.state().name());
            case Command.Batch c -> {
                out.u8(BATCH).i32(c.commands().size());
                for (Command member : c.commands()) {
                    writeCommand(out, member);
                }
            }
        }
    }

    /** A command as bytes. */
    public static byte[] encode(Command command) {
        GrowableBuffer out = new GrowableBuffer(64);
        writeCommand(out, command);
        ByteBuffer bytes = out.flipped();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return array;
    }

    /** A whole payload holding one command. */
    public static Command readCommand(ByteBuffer in) throws MalformedException {
        return read(in, () -> {
            Command command = command(in);
            end(in);
            return command;
        });
    }

    private static Command command(ByteBuffer in) throws MalformedException {
        int tag = in.get() & 0xFF;
        return switch (tag) {
            case ADD_SERVICE -> new Command.AddService(readSpec(in));
            case EDIT_SERVICE -> new Command.EditService(readSpec(in));
            case DEL_SERVICE -> new Command.DelService(readKey(in));
            case FLUSH -> new Command.Flush();
            case ADD_DEST -> new Command.AddDest(readKey(in), readDestination(in));
            case EDIT_DEST -> new Command.EditDest(readKey(in), readDestination(in));
            case DEL_DEST -> new Command.DelDest(readKey(in), readAddress(in), in.getInt());
            case ADD_LOCAL_ADDRESS -> new Command.AddLocalAddress(readKey(in), readAddress(in));
            case DEL_LOCAL_ADDRESS -> new Command.DelLocalAddress(readKey(in), readAddress(in));
            case ZERO -> new Command.Zero(in.get() == 0 ? null : readKey(in));
            case SET_TIMEOUTS -> new Command.SetTimeouts(new Timeouts(in.getInt(), in.getInt(), in.getInt()));
            case START_DAEMON -> new Command.StartDaemon(readDaemon(in));
            case STOP_DAEMON -> new Command.StopDaemon(name(in, SyncDaemonSpec.State.class));
            case BATCH -> {
                int count = count(in);
                List<Command> members = new ArrayList<>(Math.min(count, in.remaining()));
                for (int i = 0; i < count; i++) {
                    members.add(command(in));
                }
                yield new Command.Batch(members);
            }
            default -> throw new MalformedException("unknown command tag " + tag);
        };
    }

    private static GrowableBuffer writeKey(GrowableBuffer out, ServiceKey key) {
        return switch (key) {
            case ServiceKey.Address a -> writeAddress(out.u8(KEY_ADDRESS).string(a.protocol().name()), a.address())
                    .i32(a.port());
            case ServiceKey.Mark m -> out.u8(KEY_MARK).string(m.family().name()).i32(m.mark());
        };
    }

    private static ServiceKey readKey(ByteBuffer in) throws MalformedException {
        int kind = in.get();
        return switch (kind) {
            case KEY_ADDRESS -> new ServiceKey.Address(name(in, Protocol.class), readAddress(in), in.getInt());
            case KEY_MARK -> new ServiceKey.Mark(name(in, AddressFamily.class), in.getInt());
            default -> throw new MalformedException("unknown service key kind " + kind);
        };
    }

    private static GrowableBuffer writeSpec(GrowableBuffer out, ServiceSpec s) {
        return writeKey(out, s.key()).string(s.scheduler()).i32(s.flags()).i32(s.timeout()).i32(s.netmask())
                .string(s.persistenceEngine()).string(s.proxyProtocol().name());
    }

    private static ServiceSpec readSpec(ByteBuffer in) throws MalformedException {
        return new ServiceSpec(readKey(in), string(in), in.getInt(), in.getInt(), in.getInt(), string(in),
                name(in, ProxyProtocol.class));
    }

    private static GrowableBuffer writeDestination(GrowableBuffer out, DestinationSpec d) {
        return writeAddress(out, d.address()).i32(d.port()).string(d.method().name()).i32(d.weight())
                .i32(d.upperThreshold()).i32(d.lowerThreshold()).string(d.tunnelType().name()).i32(d.tunnelPort())
                .i32(d.tunnelFlags());
    }

    private static DestinationSpec readDestination(ByteBuffer in) throws MalformedException {
        return new DestinationSpec(readAddress(in), in.getInt(), name(in, ForwardMethod.class), in.getInt(),
                in.getInt(), in.getInt(), name(in, TunnelType.class), in.getInt(), in.getInt());
    }

    private static GrowableBuffer writeDaemon(GrowableBuffer out, SyncDaemonSpec d) {
        return out.string(d.state().name()).string(d.interfaceName()).i32(d.syncId()).i32(d.maxLength())
                .string(d.group()).i32(d.port()).i32(d.ttl());
    }

    private static SyncDaemonSpec readDaemon(ByteBuffer in) throws MalformedException {
        return new SyncDaemonSpec(name(in, SyncDaemonSpec.State.class), string(in), in.getInt(), in.getInt(),
                string(in), in.getInt(), in.getInt());
    }

    static GrowableBuffer writeAddress(GrowableBuffer out, InetAddress address) {
        byte[] bytes = address.getAddress();
        return out.u8(bytes.length).bytes(bytes);
    }

    private static InetAddress readAddress(ByteBuffer in) throws MalformedException {
        int length = in.get();
        if (length != 4 && length != 16) {
            throw new MalformedException("an address of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        try {
            // raw bytes: no name lookup
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new MalformedException(e.getMessage());
        }
    }

    private static String string(ByteBuffer in) {
        int length = in.getShort() & 0xFFFF;
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static <E extends Enum<E>> E name(ByteBuffer in, Class<E> type) throws MalformedException {
        String name = string(in);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new MalformedException("\"" + name + "\" is not a " + type.getSimpleName());
        }
    }

    private static int count(ByteBuffer in) throws MalformedException {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new MalformedException("a count of " + Integer.toUnsignedString(count) + " with "
                    + in.remaining() + " bytes left");
        }
        return count;
    }

    private static void end(ByteBuffer in) throws MalformedException {
        if (in.hasRemaining()) {
            throw new MalformedException(in.remaining() + " bytes after the end");
        }
    }

    /** A read that may run off the end or meet a value a record refuses. */
    private interface Read<T> {
        T run() throws MalformedException;
    }

    private static <T> T read(ByteBuffer in, Read<T> read) throws MalformedException {
        try {
            return read.run();
        } catch (BufferUnderflowException e) {
            throw new MalformedException("it ends early");
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedException(e.getMessage());
        }
    }
}
