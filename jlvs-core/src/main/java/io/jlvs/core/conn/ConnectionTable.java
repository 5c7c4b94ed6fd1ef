package io.jlvs.core.conn;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.proto.PacketDirection;
import io.jlvs.core.proto.ProtocolStates;
import io.jlvs.core.proto.SctpState;
import io.jlvs.core.proto.TcpState;
import io.jlvs.core.service.Flow;
import io.jlvs.core.service.RealServer;
import io.jlvs.core.service.VirtualService;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The IPVS connection table (ip_vs_conn.c) of one worker: entries are slots in primitive arrays,
 * not objects. A slot holds both tuples (client side: client and virtual address and port; real
 * server side: destination and local address and port), the protocol, state, flags, destination
 * index, expiry and counters. Two open-addressing indexes (linear probing, backward-shift
 * deletion, load at most 1/2) find an entry from a request's tuple or a reply's tuple at the same
 * cost, and a {@link TimerWheel} expires entries in O(1).
 *
 * <p>Persistence templates live in the same slots, flagged TEMPLATE and indexed by their client
 * tuple only. A template expires only when no connection it controls remains: until then its
 * timer is re-armed for 60 seconds, as ip_vs_conn_expire does.
 *
 * <p>The table grows as a hash table does: when every slot is taken and the capacity is below the
 * maximum, the capacity doubles (capped at the maximum), every per-slot array is copied into a
 * larger one, both indexes are rebuilt for the new size and the timer wheel grows with it. Slot
 * numbers never change, so callers may hold them across a grow. Only a table at its maximum with
 * every slot taken refuses an entry (the kernel, whose table is bounded by memory alone, fails
 * the same way when an allocation fails). The table never shrinks: it keeps the size its busiest
 * moment needed, so a steady load runs without growing again.
 *
 * <p>Memory: {@value #BYTES_PER_ENTRY} bytes per slot at a power-of-two capacity (88 in the
 * per-slot arrays, 16 in the two indexes, 20 in the timer wheel), so a million entries (a 1 Mi-slot
 * table) take 124 MiB and the default maximum of {@value #DEFAULT_MAX_CAPACITY} entries 496 MiB;
 * 13,000 new connections a second, each lingering 120 s in TIME_WAIT, need about 1.6 million
 * entries (a 2 Mi-entry table, 248 MiB). An address is word 0 alone in the per-slot arrays (all of
 * an IPv4 one); an entry with an IPv6 address also takes a 48-byte record in {@link WideAddresses}.
 * While a grow copies, the old and the new arrays are both held.
 *
 * <p>Lookups, state changes, counting and expiry allocate nothing; creating an entry allocates
 * only when it grows the table (amortized, and never once the table has reached its working size);
 * listing allocates. Owned by one thread.
 */
public final class ConnectionTable {
    /** No entry. */
    public static final int NONE = -1;
    /** {@link #admit} verdict: forward on the entry. */
    public static final int ADMIT = 0;
    /** {@link #admit} verdict: the destination is gone; drop the packet, keep the entry. */
    public static final int DROP = 1;
    /** {@link #admit} verdict: the entry was expired (expire_nodest_conn); schedule afresh. */
    public static final int RESCHEDULE = 2;

    /** The wheel's resolution. */
    public static final long TICK_NANOS = 125_000_000L;
    /** The wheel's size: 8192 ticks of 125 ms cover 1024 s, more than any default timeout. */
    public static final int WHEEL_BUCKETS = 8192;
    /** The maximum capacity of a table built without one: about 4.2 million entries. */
    public static final int DEFAULT_MAX_CAPACITY = 1 << 22;
    /** The largest maximum a table accepts: its indexes, up to four ints per entry, must fit an array. */
    public static final int LIMIT_CAPACITY = 1 << 28;
    /**
     * Heap bytes per slot at a power-of-two capacity: per-slot arrays 88 (two byte counters of 8;
     * four address words, the IPv6 record, flags, destination, controller, controlled count, mark,
     * timeout, two packet counters and two tuple hashes of 4; four ports of 2; four bytes), indexes
     * 16 (two of two ints per slot) and timer wheel 20 (ConnectionTableMemoryTest measures it).
     * IPv6 entries add 48.
     */
    public static final int BYTES_PER_ENTRY = 124;

    private static final long SECOND = 1_000_000_000L;
    /** ip_vs_conn_new's timeout before the first packet is accounted. */
    private static final long INITIAL_TIMEOUT_NANOS = 3 * SECOND;
    /** ip_vs_conn_expire's delay for an entry that still controls others. */
    private static final long STILL_CONTROLLING_NANOS = 60 * SECOND;
    /** IP_VS_CTPL_S_ASSURED. */
    private static final int TEMPLATE_ASSURED = 1;
    /** The port an invalidated template is rehashed under (ip_vs_check_template). */
    private static final int INVALID_PORT = 0xFFFF;
    /** Private flag: the entry is in the reply index. */
    private static final int OUT_HASHED = 1 << 24;

    private final int maxCapacity;
    private int capacity;
    private final ProtocolStates states;
    private final DestinationRegistry registry;
    private ConnectionOptions options;
    private final TimerWheel wheel;
    private final TimerWheel.Expiry onTimer = this::timerFired;

    // Per-slot arrays, replaced by larger copies when the table grows (see resize).
    private boolean[] live = new boolean[0];
    /** The first free slot; a free slot's control holds the next (a free slot controls nothing). */
    private int freeHead = NONE;
    private int size;

    private byte[] protocol = new byte[0];
    private byte[] family = new byte[0];
    private byte[] state = new byte[0];
    private int[] flags = new int[0];
    private int[] dest = new int[0];
    private int[] control = new int[0];
    private int[] controlled = new int[0];
    private int[] fwmark = new int[0];
    // Word 0 of each address (all of an IPv4 one); the rest, when any is set, in wideAddresses.
    private int[] caddr = new int[0];
    private int[] vaddr = new int[0];
    private int[] daddr = new int[0];
    private int[] laddr = new int[0];
    /** The entry's record in wideAddresses, or WideAddresses.NONE. */
    private int[] wide = new int[0];
    private final WideAddresses wideAddresses = new WideAddresses();
    private char[] cport = new char[0];
    private char[] vport = new char[0];
    private char[] dport = new char[0];
    private char[] lport = new char[0];
    /** Whole seconds: every timeout is (ipvsadm's --set and -p, the state tables' defaults). */
    private int[] timeout = new int[0];
    // 32-bit packet counts, as the kernel's atomic_t in_pkts; read back unsigned.
    private int[] inPackets = new int[0];
    private int[] outPackets = new int[0];
    private long[] inBytes = new long[0];
    private long[] outBytes = new long[0];
    private int[] inHash = new int[0];
    private int[] outHash = new int[0];

    private int[] inIndex = new int[0];
    private int[] outIndex = new int[0];
    private int indexMask;

    private final ConnectionKey scratch = new ConnectionKey();
    private EntryRemoval removal = slot -> { };
    private static final AddressFamily[] FAMILIES = AddressFamily.values();

    /**
     * A table that starts with room for capacity entries and grows up to
     * {@link #DEFAULT_MAX_CAPACITY} (or capacity, if that is larger).
     *
     * @param capacity  the initial number of slots (connections plus templates)
     * @param states    the protocol state machines and timeouts
     * @param registry  the destinations entries point at
     * @param options   the expire_nodest_conn and expire_quiescent_template settings
     * @param nowNanos  the clock now
     */
    public ConnectionTable(int capacity, ProtocolStates states, DestinationRegistry registry,
                           ConnectionOptions options, long nowNanos) {
        this(capacity, Math.max(capacity, DEFAULT_MAX_CAPACITY), states, registry, options, nowNanos);
    }

    /**
     * A table that starts with room for initialCapacity entries and grows, doubling, up to
     * maxCapacity; at maxCapacity with every slot taken, creating an entry fails.
     *
     * @param initialCapacity the initial number of slots (connections plus templates)
     * @param maxCapacity     the most entries the table will hold, at most {@link #LIMIT_CAPACITY}
     * @param states          the protocol state machines and timeouts
     * @param registry        the destinations entries point at
     * @param options         the expire_nodest_conn and expire_quiescent_template settings
     * @param nowNanos        the clock now
     */
    public ConnectionTable(int initialCapacity, int maxCapacity, ProtocolStates states, DestinationRegistry registry,
                           ConnectionOptions options, long nowNanos) {
        if (initialCapacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + initialCapacity);
        }
        if (maxCapacity < initialCapacity || maxCapacity > LIMIT_CAPACITY) {
            throw new IllegalArgumentException("maxCapacity must be between " + initialCapacity + " and "
                    + LIMIT_CAPACITY + ": " + maxCapacity);
        }
        this.maxCapacity = maxCapacity;
        this.states = states;
        this.registry = registry;
        this.options = options;
        this.wheel = new TimerWheel(0, WHEEL_BUCKETS, TICK_NANOS, nowNanos);
        resize(initialCapacity);
    }

    // ---------------------------------------------------------------- lookups

    /** The connection a request belongs to: flow source is the client, destination the VIP. */
    public int findInbound(Flow flow) {
        return findIn(scratch.setInbound(flow), false);
    }

    /**
     * The connection a reply belongs to: flow source is the real server, destination the client
     * (or, for FULLNAT, the local address).
     */
    public int findOutbound(Flow flow) {
        int p = flow.protocol().number();
        int sport = flow.sourcePort();
        int dp = flow.destinationPort();
        int h = hashFlowOut(p, flow, sport, dp);
        int fam = flow.family().ordinal();
        for (int i = h & indexMask; ; i = (i + 1) & indexMask) {
            int e = outIndex[i] - 1;
            if (e < 0) {
                return NONE;
            }
            if (outHash[e] == h && (protocol[e] & 0xFF) == p && family[e] == fam && dport[e] == sport
                    && lport[e] == dp && sameAddress(daddr, WideAddresses.DESTINATION, e, flow, true)
                    && sameAddress(laddr, WideAddresses.LOCAL, e, flow, false)) {
                return e;
            }
        }
    }

    int findIn(ConnectionKey key, boolean template) {
        int h = hash(key.protocol, key.client, key.clientPort, key.virtual, key.virtualPort);
        int fam = key.family.ordinal();
        int wanted = template ? ConnectionFlags.TEMPLATE : 0;
        for (int i = h & indexMask; ; i = (i + 1) & indexMask) {
            int e = inIndex[i] - 1;
            if (e < 0) {
                return NONE;
            }
            if (inHash[e] == h && (flags[e] & ConnectionFlags.TEMPLATE) == wanted
                    && (protocol[e] & 0xFF) == key.protocol && family[e] == fam
                    && cport[e] == key.clientPort && vport[e] == key.virtualPort
                    && sameAddress(caddr, WideAddresses.CLIENT, e, key.client)
                    && sameAddress(vaddr, WideAddresses.VIRTUAL, e, key.virtual)) {
                return e;
            }
        }
    }

    // ---------------------------------------------------------------- creation

    /**
     * Creates an entry bound to a destination (ip_vs_conn_new plus ip_vs_bind_dest).
     *
     * <p>When no slot is free the table grows first (see {@link #grow}), which allocates.
     *
     * @return the slot, or NONE when the table is full at its maximum capacity
     */
    int create(ConnectionKey key, int destIndex, int destPort, int extraFlags, int mark, long nowNanos) {
        if (freeHead == NONE && !grow()) {
            return NONE;
        }
        RealServer server = registry.server(destIndex);
        int record = WideAddresses.NONE;
        if (WideAddresses.isWide(key.client) || WideAddresses.isWide(key.virtual)
                || (server.addressWord(1) | server.addressWord(2) | server.addressWord(3)) != 0) {
            try {
                record = wideAddresses.allocate();
            } catch (OutOfMemoryError e) {
                return NONE; // as when the table cannot grow
            }
            for (int i = 1; i < 4; i++) {
                wideAddresses.setWord(record, WideAddresses.CLIENT, i, key.client[i]);
                wideAddresses.setWord(record, WideAddresses.VIRTUAL, i, key.virtual[i]);
                wideAddresses.setWord(record, WideAddresses.DESTINATION, i, server.addressWord(i));
                wideAddresses.setWord(record, WideAddresses.LOCAL, i, key.client[i]);
            }
        }
        int s = freeHead;
        freeHead = control[s];
        live[s] = true;
        size++;
        protocol[s] = (byte) key.protocol;
        family[s] = (byte) key.family.ordinal();
        wide[s] = record;
        caddr[s] = key.client[0];
        vaddr[s] = key.virtual[0];
        daddr[s] = server.addressWord(0);
        laddr[s] = key.client[0];
        cport[s] = (char) key.clientPort;
        vport[s] = (char) key.virtualPort;
        dport[s] = (char) destPort;
        lport[s] = (char) key.clientPort;
        int f = extraFlags | ConnectionFlags.fromDestination(server.method());
        boolean template = (f & ConnectionFlags.TEMPLATE) != 0;
        if (key.protocol != ProtocolStates.IPPROTO_UDP || template) {
            f &= ~ConnectionFlags.ONE_PACKET;
        }
        flags[s] = f;
        dest[s] = destIndex;
        registry.retain(destIndex);
        DestinationAccounting.bind(server, template, (f & ConnectionFlags.INACTIVE) != 0);
        control[s] = NONE;
        controlled[s] = 0;
        fwmark[s] = mark;
        state[s] = ProtocolStates.INITIAL_STATE;
        setTimeout(s, INITIAL_TIMEOUT_NANOS);
        inPackets[s] = outPackets[s] = 0;
        inBytes[s] = outBytes[s] = 0;
        if ((f & ConnectionFlags.ONE_PACKET) == 0) {
            hashIn(s);
            if (!template) {
                hashOut(s);
            }
        }
        wheel.schedule(s, nowNanos + INITIAL_TIMEOUT_NANOS);
        return s;
    }

    /** Makes a template control a connection (ip_vs_control_add). */
    void control(int connection, int template) {
        control[connection] = template;
        controlled[template]++;
    }

    /** Sets an entry's timeout, whole seconds, used from its next re-arm on. */
    void setTimeout(int slot, long nanos) {
        timeout[slot] = (int) (nanos / SECOND);
    }

    /**
     * Invalidates a template whose destination is gone (ip_vs_check_template): it is rehashed under
     * port 65535 so no new connection finds it, and lives on until it controls nothing.
     */
    void invalidateTemplate(int slot) {
        if (vport[slot] == INVALID_PORT) {
            return;
        }
        unhash(inIndex, inHash, slot);
        dport[slot] = INVALID_PORT;
        vport[slot] = INVALID_PORT;
        cport[slot] = 0;
        hashIn(slot);
    }

    /**
     * Gives a FULLNAT entry its local address and port: the real server sees and answers them, so
     * the reply index is rebuilt for the entry.
     */
    public void setLocalAddress(int slot, int[] words, int port) {
        boolean hashed = (flags[slot] & OUT_HASHED) != 0;
        if (hashed) {
            unhash(outIndex, outHash, slot);
            flags[slot] &= ~OUT_HASHED;
        }
        int record = wide[slot];
        if (record == WideAddresses.NONE && WideAddresses.isWide(words)) {
            record = wideAddresses.allocate(); // zeroed: the entry's other addresses are word 0 alone
            wide[slot] = record;
        }
        laddr[slot] = words[0];
        if (record != WideAddresses.NONE) {
            for (int i = 1; i < 4; i++) {
                wideAddresses.setWord(record, WideAddresses.LOCAL, i, words[i]);
            }
        }
        lport[slot] = (char) port;
        if (hashed) {
            hashOut(slot);
        }
    }

    /** Sets who is told of each entry's removal (one listener; the data plane's, set once). */
    public void onRemoval(EntryRemoval listener) {
        removal = java.util.Objects.requireNonNull(listener, "listener");
    }

    // ---------------------------------------------------------------- growth

    /**
     * Doubles the capacity, capped at the maximum: the per-slot arrays are copied into larger ones,
     * the new slots join the free list, both indexes are rebuilt at the same load for the new size
     * and the timer wheel grows. Slots keep their numbers. This allocates about
     * {@link #BYTES_PER_ENTRY} bytes per new slot (and the old arrays become garbage): amortized
     * over the entries that filled the table it is rare, and a table that has reached its working
     * size never grows again.
     *
     * @return false when the table is at its maximum, or the heap cannot hold the larger arrays
     *         (the table is then left as it was)
     */
    private boolean grow() {
        if (capacity >= maxCapacity) {
            return false;
        }
        int larger = (int) Math.min(2L * capacity, maxCapacity);
        try {
            resize(larger);
        } catch (OutOfMemoryError e) {
            // The kernel's ip_vs_conn_new fails the same way when its allocation does.
            return false;
        }
        return true;
    }

    /**
     * Makes the table hold newCapacity slots. Every array is allocated before any is replaced, so a
     * failed allocation leaves the table unchanged (a wheel grown beyond the table is harmless).
     */
    private void resize(int newCapacity) {
        int old = capacity;
        wheel.grow(newCapacity);
        boolean[] newLive = Arrays.copyOf(live, newCapacity);
        byte[] newProtocol = Arrays.copyOf(protocol, newCapacity);
        byte[] newFamily = Arrays.copyOf(family, newCapacity);
        byte[] newState = Arrays.copyOf(state, newCapacity);
        int[] newFlags = Arrays.copyOf(flags, newCapacity);
        int[] newDest = Arrays.copyOf(dest, newCapacity);
        int[] newControl = Arrays.copyOf(control, newCapacity);
        int[] newControlled = Arrays.copyOf(controlled, newCapacity);
        int[] newFwmark = Arrays.copyOf(fwmark, newCapacity);
        int[] newCaddr = Arrays.copyOf(caddr, newCapacity);
        int[] newVaddr = Arrays.copyOf(vaddr, newCapacity);
        int[] newDaddr = Arrays.copyOf(daddr, newCapacity);
        int[] newLaddr = Arrays.copyOf(laddr, newCapacity);
        int[] newWide = Arrays.copyOf(wide, newCapacity);
        char[] newCport = Arrays.copyOf(cport, newCapacity);
        char[] newVport = Arrays.copyOf(vport, newCapacity);
        char[] newDport = Arrays.copyOf(dport, newCapacity);
        char[] newLport = Arrays.copyOf(lport, newCapacity);
        int[] newTimeout = Arrays.copyOf(timeout, newCapacity);
        int[] newInPackets = Arrays.copyOf(inPackets, newCapacity);
        int[] newOutPackets = Arrays.copyOf(outPackets, newCapacity);
        long[] newInBytes = Arrays.copyOf(inBytes, newCapacity);
        long[] newOutBytes = Arrays.copyOf(outBytes, newCapacity);
        int[] newInHash = Arrays.copyOf(inHash, newCapacity);
        int[] newOutHash = Arrays.copyOf(outHash, newCapacity);
        // Load at most 1/2: two index cells per slot at a power-of-two capacity, up to four otherwise.
        int indexSize = Math.max(2, Integer.highestOneBit(newCapacity - 1) << 2);
        int[] newInIndex = new int[indexSize];
        int[] newOutIndex = new int[indexSize];

        live = newLive;
        protocol = newProtocol;
        family = newFamily;
        state = newState;
        flags = newFlags;
        dest = newDest;
        control = newControl;
        controlled = newControlled;
        fwmark = newFwmark;
        caddr = newCaddr;
        vaddr = newVaddr;
        daddr = newDaddr;
        laddr = newLaddr;
        wide = newWide;
        cport = newCport;
        vport = newVport;
        dport = newDport;
        lport = newLport;
        timeout = newTimeout;
        inPackets = newInPackets;
        outPackets = newOutPackets;
        inBytes = newInBytes;
        outBytes = newOutBytes;
        inHash = newInHash;
        outHash = newOutHash;
        inIndex = newInIndex;
        outIndex = newOutIndex;
        indexMask = indexSize - 1;
        capacity = newCapacity;

        // Both tuples of every hashed entry go into the larger indexes under the hash they keep.
        for (int s = 0; s < old; s++) {
            if ((flags[s] & ConnectionFlags.HASHED) != 0) {
                insert(inIndex, s, inHash[s]);
            }
            if ((flags[s] & OUT_HASHED) != 0) {
                insert(outIndex, s, outHash[s]);
            }
        }
        // Pushed from the top down, so the lowest new slot is taken first.
        for (int s = newCapacity - 1; s >= old; s--) {
            control[s] = freeHead;
            freeHead = s;
        }
    }

    // ---------------------------------------------------------------- packets

    /**
     * What to do with a packet found on an entry whose destination may have been deleted (the
     * server-status check of ip_vs_in): ADMIT; DROP (the entry stays until it times out); or,
     * with expire_nodest_conn, RESCHEDULE after the entry has been expired.
     */
    public int admit(int slot, long nowNanos) {
        int d = dest[slot];
        if (d == NONE || registry.server(d).isAvailable()) {
            return ADMIT;
        }
        if (!options.expireNodestConn()) {
            return DROP;
        }
        // The kernel expires it on its timer at once; done synchronously here so the new entry for
        // the same tuple is the only one indexed.
        timerFired(slot, nowNanos);
        return RESCHEDULE;
    }

    /** A request packet: counters, state change in the INPUT direction, re-armed expiry. */
    public void inbound(int slot, int event, long bytes, long nowNanos) {
        countIn(slot, bytes);
        transition(slot, PacketDirection.INPUT, event);
        touch(slot, nowNanos);
    }

    /** A reply packet: counters, state change in the OUTPUT direction, re-armed expiry. */
    public void outbound(int slot, int event, long bytes, long nowNanos) {
        countOut(slot, bytes);
        transition(slot, PacketDirection.OUTPUT, event);
        touch(slot, nowNanos);
    }

    /** Counts a request packet on the entry and on its destination and service when available. */
    public void countIn(int slot, long bytes) {
        inPackets[slot]++;
        inBytes[slot] += bytes;
        int d = dest[slot];
        if (d != NONE && registry.server(d).isAvailable()) {
            registry.server(d).stats().countIn(bytes);
            registry.service(d).stats().countIn(bytes);
        }
    }

    /** Counts a reply packet on the entry and on its destination and service when available. */
    public void countOut(int slot, long bytes) {
        outPackets[slot]++;
        outBytes[slot] += bytes;
        int d = dest[slot];
        if (d != NONE && registry.server(d).isAvailable()) {
            registry.server(d).stats().countOut(bytes);
            registry.service(d).stats().countOut(bytes);
        }
    }

    /**
     * The protocol state change for a packet (set_tcp_state, set_sctp_state, udp_state_transition),
     * the one place ActiveConn and InActConn move after bind.
     *
     * @param direction a {@link PacketDirection}; INPUT reads the INPUT_ONLY table while no reply
     *                  has been seen (NOOUTPUT), and the first OUTPUT packet clears NOOUTPUT
     * @param event     TcpStateTable.event(flags), SctpStateTable.event(chunk); ignored for UDP
     */
    public void transition(int slot, int direction, int event) {
        int p = protocol[slot] & 0xFF;
        if (p == ProtocolStates.IPPROTO_UDP) {
            setTimeout(slot, states.timeoutNanos(p, ProtocolStates.INITIAL_STATE));
            if (direction == PacketDirection.OUTPUT) {
                assureTemplate(slot);
            }
            return;
        }
        int f = flags[slot];
        if ((f & ConnectionFlags.NOOUTPUT) != 0) {
            if (direction == PacketDirection.OUTPUT) {
                f &= ~ConnectionFlags.NOOUTPUT;
            } else {
                direction = PacketDirection.INPUT_ONLY;
            }
        }
        int old = state[slot];
        int next = states.next(p, direction, event, old);
        if (next != old) {
            int d = dest[slot];
            if (d != NONE) {
                boolean active = ProtocolStates.isActive(p, next);
                if ((f & ConnectionFlags.INACTIVE) == 0 && !active) {
                    DestinationAccounting.deactivate(registry.server(d));
                    f |= ConnectionFlags.INACTIVE;
                } else if ((f & ConnectionFlags.INACTIVE) != 0 && active) {
                    DestinationAccounting.activate(registry.server(d));
                    f &= ~ConnectionFlags.INACTIVE;
                }
            }
            if (isEstablished(p, next)) {
                assureTemplate(slot);
            }
        }
        flags[slot] = f;
        state[slot] = (byte) next;
        setTimeout(slot, states.timeoutNanos(p, next));
    }

    /**
     * Re-arms the entry's expiry at now plus its state's timeout (ip_vs_conn_put); a ONE_PACKET
     * entry expires at once instead.
     */
    public void touch(int slot, long nowNanos) {
        if ((flags[slot] & ConnectionFlags.ONE_PACKET) != 0) {
            timerFired(slot, nowNanos);
            return;
        }
        wheel.schedule(slot, nowNanos + timeoutNanos(slot));
    }

    /** Makes the entry expire at the next tick (ip_vs_conn_expire_now). */
    public void expireNow(int slot, long nowNanos) {
        if (wheel.deadline(slot) - nowNanos > 0) {
            wheel.schedule(slot, nowNanos);
        }
    }

    // ---------------------------------------------------------------- expiry

    /**
     * Runs the timers up to now: entries whose time is up are removed and unbound from their
     * destination; an entry that still controls connections is re-armed for 60 seconds.
     *
     * @return the number of timers that fired
     */
    public int expire(long nowNanos) {
        return wheel.advance(nowNanos, onTimer);
    }

    private void timerFired(int slot, long nowNanos) {
        if (controlled[slot] > 0) {
            setTimeout(slot, STILL_CONTROLLING_NANOS);
            wheel.schedule(slot, nowNanos + STILL_CONTROLLING_NANOS);
            return;
        }
        remove(slot);
    }

    private void remove(int slot) {
        removal.removed(slot);
        wheel.cancel(slot);
        int ct = control[slot];
        if (ct != NONE) {
            controlled[ct]--;
            control[slot] = NONE;
        }
        int d = dest[slot];
        if (d != NONE) {
            int f = flags[slot];
            DestinationAccounting.unbind(registry.server(d), (f & ConnectionFlags.TEMPLATE) != 0,
                    (f & ConnectionFlags.INACTIVE) != 0);
            registry.release(d);
            dest[slot] = NONE;
        }
        if ((flags[slot] & ConnectionFlags.HASHED) != 0) {
            unhash(inIndex, inHash, slot);
        }
        if ((flags[slot] & OUT_HASHED) != 0) {
            unhash(outIndex, outHash, slot);
        }
        if (wide[slot] != WideAddresses.NONE) {
            wideAddresses.release(wide[slot]);
            wide[slot] = WideAddresses.NONE;
        }
        flags[slot] = 0;
        live[slot] = false;
        control[slot] = freeHead;
        freeHead = slot;
        size--;
    }

    private void assureTemplate(int slot) {
        int ct = control[slot];
        if (ct != NONE && (flags[ct] & ConnectionFlags.TEMPLATE) != 0) {
            state[ct] |= TEMPLATE_ASSURED;
        }
    }

    private static boolean isEstablished(int protocolNumber, int s) {
        return protocolNumber == ProtocolStates.IPPROTO_TCP ? s == TcpState.ESTABLISHED.ordinal()
                : s == SctpState.ESTABLISHED.ordinal();
    }

    // ---------------------------------------------------------------- accessors

    /** The number of live entries, templates included. */
    public int size() {
        return size;
    }

    /** The number of slots now (0..capacity-1); it grows up to {@link #maxCapacity()}. */
    public int capacity() {
        return capacity;
    }

    /** The most entries the table will hold. */
    public int maxCapacity() {
        return maxCapacity;
    }

    /** Whether the slot holds an entry. */
    public boolean isLive(int slot) {
        return live[slot];
    }

    /** The IP protocol number (0 for a firewall-mark template). */
    public int protocol(int slot) {
        return protocol[slot] & 0xFF;
    }

    /** The protocol state index (for a template: 0 NONE or 1 ASSURED). */
    public int state(int slot) {
        return state[slot];
    }

    /** The state's name as ipvsadm -Lc prints it. */
    public String stateName(int slot) {
        if (isTemplate(slot)) {
            return (state[slot] & TEMPLATE_ASSURED) != 0 ? "ASSURED" : "NONE";
        }
        return ProtocolStates.stateName(protocol(slot), state[slot]);
    }

    /** The ConnectionFlags bits. */
    public int flags(int slot) {
        return flags[slot] & ~OUT_HASHED;
    }

    public boolean isTemplate(int slot) {
        return (flags[slot] & ConnectionFlags.TEMPLATE) != 0;
    }

    /** The destination the entry is bound to, or null. */
    public RealServer destination(int slot) {
        int d = dest[slot];
        return d == NONE ? null : registry.server(d);
    }

    /** The service of the entry's destination, or null. */
    public VirtualService service(int slot) {
        int d = dest[slot];
        return d == NONE ? null : registry.service(d);
    }

    /** The template controlling the entry, or NONE (for a live entry; a free slot's is meaningless). */
    public int controller(int slot) {
        return control[slot];
    }

    /** How many connections the entry (a template) controls. */
    public int controlledCount(int slot) {
        return controlled[slot];
    }

    /** The timeout the entry is re-armed with, in nanoseconds. */
    public long timeoutNanos(int slot) {
        return timeout[slot] * SECOND;
    }

    /** When the entry expires. */
    public long expiresAtNanos(int slot) {
        return wheel.deadline(slot);
    }

    public int clientPort(int slot) {
        return cport[slot];
    }

    public int virtualPort(int slot) {
        return vport[slot];
    }

    public int destinationPort(int slot) {
        return dport[slot];
    }

    /** The local port (FULLNAT; the client port otherwise). */
    public int localPort(int slot) {
        return lport[slot];
    }

    /** Word i of the local address (FULLNAT; the client address otherwise). */
    public int localWord(int slot, int i) {
        return storedWord(laddr, WideAddresses.LOCAL, slot, i);
    }

    /** Word i of the client address. */
    public int clientWord(int slot, int i) {
        return storedWord(caddr, WideAddresses.CLIENT, slot, i);
    }

    /** The client side's address family. */
    public AddressFamily family(int slot) {
        return FAMILIES[family[slot]];
    }

    /** Word i of the destination address. */
    public int destinationWord(int slot, int i) {
        return storedWord(daddr, WideAddresses.DESTINATION, slot, i);
    }

    /** Word i of the virtual address (the mark, in word 0, for a firewall-mark template). */
    public int virtualWord(int slot, int i) {
        return storedWord(vaddr, WideAddresses.VIRTUAL, slot, i);
    }

    public int fwmark(int slot) {
        return fwmark[slot];
    }

    /** Request packets counted on the entry, modulo 2^32. */
    public long inPackets(int slot) {
        return Integer.toUnsignedLong(inPackets[slot]);
    }

    /** Reply packets counted on the entry, modulo 2^32. */
    public long outPackets(int slot) {
        return Integer.toUnsignedLong(outPackets[slot]);
    }

    public long inBytes(int slot) {
        return inBytes[slot];
    }

    public long outBytes(int slot) {
        return outBytes[slot];
    }

    public ProtocolStates states() {
        return states;
    }

    public DestinationRegistry registry() {
        return registry;
    }

    public ConnectionOptions options() {
        return options;
    }

    public void setOptions(ConnectionOptions newOptions) {
        options = newOptions;
    }

    /**
     * Visits every entry as ipvsadm -Lc lists it, in one walk (control plane and tests: allocates a
     * record per entry). An engine lists its table page by page with {@link ConnectionPage} instead.
     */
    public void forEach(long nowNanos, Consumer<ConnectionSnapshot> visitor) {
        ConnectionPage page = new ConnectionPage(1024, 1024);
        int next = 0;
        do {
            next = page.fill(this, next, nowNanos);
            for (int r = 0; r < page.rows(); r++) {
                visitor.accept(page.snapshot(r));
            }
        } while (next != ConnectionPage.END);
    }

    // ---------------------------------------------------------------- hashing

    private void hashIn(int s) {
        int h = hashStored(s, caddr, WideAddresses.CLIENT, cport[s], vaddr, WideAddresses.VIRTUAL, vport[s]);
        inHash[s] = h;
        insert(inIndex, s, h);
        flags[s] |= ConnectionFlags.HASHED;
    }

    private void hashOut(int s) {
        int h = hashStored(s, daddr, WideAddresses.DESTINATION, dport[s], laddr, WideAddresses.LOCAL, lport[s]);
        outHash[s] = h;
        insert(outIndex, s, h);
        flags[s] |= OUT_HASHED;
    }

    private void insert(int[] index, int slot, int h) {
        int i = h & indexMask;
        while (index[i] != 0) {
            i = (i + 1) & indexMask;
        }
        index[i] = slot + 1;
    }

    /** Removes a slot from an index by backward-shift deletion, so no tombstones build up. */
    private void unhash(int[] index, int[] hashes, int slot) {
        int i = hashes[slot] & indexMask;
        while (index[i] != slot + 1) {
            i = (i + 1) & indexMask;
        }
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & indexMask;
            int e = index[j] - 1;
            if (e < 0) {
                break;
            }
            int home = hashes[e] & indexMask;
            // The entry at j may move into the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                index[hole] = index[j];
                hole = j;
            }
        }
        index[hole] = 0;
        if (index == inIndex) {
            flags[slot] &= ~ConnectionFlags.HASHED;
        }
    }

    private int hashFlowOut(int p, Flow flow, int sport, int dp) {
        int h = p * 0x9E3779B9;
        for (int i = 0; i < 4; i++) {
            h = mix(h, flow.sourceWord(i));
        }
        h = mix(h, sport);
        for (int i = 0; i < 4; i++) {
            h = mix(h, flow.destinationWord(i));
        }
        return finish(mix(h, dp));
    }

    private static int hash(int p, int[] a, int aPort, int[] b, int bPort) {
        int h = p * 0x9E3779B9;
        for (int i = 0; i < 4; i++) {
            h = mix(h, a[i]);
        }
        h = mix(h, aPort);
        for (int i = 0; i < 4; i++) {
            h = mix(h, b[i]);
        }
        return finish(mix(h, bPort));
    }

    /** The same hash as {@link #hash} over two of a slot's stored addresses and ports. */
    private int hashStored(int s, int[] a, int aWhich, int aPort, int[] b, int bWhich, int bPort) {
        int h = (protocol[s] & 0xFF) * 0x9E3779B9;
        for (int i = 0; i < 4; i++) {
            h = mix(h, storedWord(a, aWhich, s, i));
        }
        h = mix(h, aPort);
        for (int i = 0; i < 4; i++) {
            h = mix(h, storedWord(b, bWhich, s, i));
        }
        return finish(mix(h, bPort));
    }

    private static int mix(int h, int k) {
        k *= 0xCC9E2D51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1B873593;
        h ^= k;
        return Integer.rotateLeft(h, 13) * 5 + 0xE6546B64;
    }

    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    /** Word i of one of a slot's addresses: word 0 from its array, the others from wideAddresses. */
    private int storedWord(int[] word0, int which, int slot, int i) {
        if (i == 0) {
            return word0[slot];
        }
        int record = wide[slot];
        return record == WideAddresses.NONE ? 0 : wideAddresses.word(record, which, i);
    }

    private boolean sameAddress(int[] word0, int which, int slot, int[] words) {
        for (int i = 0; i < 4; i++) {
            if (storedWord(word0, which, slot, i) != words[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean sameAddress(int[] word0, int which, int slot, Flow flow, boolean source) {
        for (int i = 0; i < 4; i++) {
            int w = source ? flow.sourceWord(i) : flow.destinationWord(i);
            if (storedWord(word0, which, slot, i) != w) {
                return false;
            }
        }
        return true;
    }
}
