package io.jlvs.core.conn;

import io.jlvs.core.model.AddressFamily;
import io.jlvs.core.proto.ProtocolStates;
import io.jlvs.core.service.Addresses;
import io.jlvs.core.service.RealServer;

import java.net.InetAddress;

/**
 * A page of connection entries copied out of a {@link ConnectionTable} into primitive arrays, so
 * that ipvsadm -Lc of a million entries costs the data plane many short copies instead of one long
 * walk: the engine thread {@link #fill}s a page (at most {@link #entryCapacity()} entries and
 * {@link #slotBudget()} slots looked at), and the control thread turns its rows into
 * {@link ConnectionSnapshot}s. Reused page after page; owned by one thread at a time.
 */
public final class ConnectionPage {
    /** Filled by a page whose walk reached the table's end. */
    public static final int END = -1;

    private static final AddressFamily[] FAMILIES = AddressFamily.values();

    private final int entryCapacity;
    private final int slotBudget;
    private final int[] protocols;
    private final byte[] families;
    private final byte[] destinationFamilies;
    /** Client, virtual and destination address, four words each: 12 words per row. */
    private final int[] words;
    /** Client, virtual and destination port: 3 per row. */
    private final int[] ports;
    private final String[] states;
    private final long[] expiresMillis;
    private final int[] flags;
    private int rows;
    private int nextSlot;
    private int slotsLookedAt;

    /**
     * @param entryCapacity the most entries one fill copies
     * @param slotBudget    the most slots one fill looks at, live or not (bounds a fill over an
     *                      almost empty, very large table)
     */
    public ConnectionPage(int entryCapacity, int slotBudget) {
        if (entryCapacity < 1 || slotBudget < entryCapacity) {
            throw new IllegalArgumentException("need 1 <= entryCapacity <= slotBudget: " + entryCapacity + ", "
                    + slotBudget);
        }
        this.entryCapacity = entryCapacity;
        this.slotBudget = slotBudget;
        this.protocols = new int[entryCapacity];
        this.families = new byte[entryCapacity];
        this.destinationFamilies = new byte[entryCapacity];
        this.words = new int[entryCapacity * 12];
        this.ports = new int[entryCapacity * 3];
        this.states = new String[entryCapacity];
        this.expiresMillis = new long[entryCapacity];
        this.flags = new int[entryCapacity];
    }

    /**
     * Copies the live entries from slot {@code fromSlot} on, until the page is full or its slot
     * budget is spent (on the table's thread). Allocates nothing.
     *
     * @return the slot the next page starts at, or {@link #END}
     */
    public int fill(ConnectionTable table, int fromSlot, long nowNanos) {
        rows = 0;
        int capacity = table.capacity();
        int s = Math.max(0, fromSlot);
        int limit = (int) Math.min(capacity, (long) s + slotBudget);
        for (; s < limit && rows < entryCapacity; s++) {
            if (table.isLive(s)) {
                copy(table, s, nowNanos);
            }
        }
        slotsLookedAt = s - Math.max(0, fromSlot);
        nextSlot = s >= capacity ? END : s;
        return nextSlot;
    }

    private void copy(ConnectionTable table, int s, long nowNanos) {
        int r = rows++;
        protocols[r] = table.protocol(s);
        AddressFamily family = table.family(s);
        RealServer server = table.destination(s);
        families[r] = (byte) family.ordinal();
        destinationFamilies[r] = (byte) (server != null ? server.family() : family).ordinal();
        for (int i = 0; i < 4; i++) {
            words[r * 12 + i] = table.clientWord(s, i);
            words[r * 12 + 4 + i] = table.virtualWord(s, i);
            words[r * 12 + 8 + i] = table.destinationWord(s, i);
        }
        ports[r * 3] = table.clientPort(s);
        ports[r * 3 + 1] = table.virtualPort(s);
        ports[r * 3 + 2] = table.destinationPort(s);
        states[r] = table.stateName(s);
        expiresMillis[r] = Math.max(0, table.expiresAtNanos(s) - nowNanos) / 1_000_000L;
        flags[r] = table.flags(s);
    }

    /** The entries the last fill copied. */
    public int rows() {
        return rows;
    }

    /** Where the last fill stopped ({@link #END} at the table's end). */
    public int nextSlot() {
        return nextSlot;
    }

    /**
     * Sets where the next page starts, for an engine of several tables that numbers their slots
     * in one range ({@link #END}: the listing is complete).
     */
    public void continueAt(int slot) {
        nextSlot = slot;
    }

    /** How many slots the last fill looked at. */
    public int slotsLookedAt() {
        return slotsLookedAt;
    }

    public int entryCapacity() {
        return entryCapacity;
    }

    public int slotBudget() {
        return slotBudget;
    }

    /** Row r as ipvsadm -Lc lists it (allocates: for the control thread). */
    public ConnectionSnapshot snapshot(int r) {
        if (r < 0 || r >= rows) {
            throw new IndexOutOfBoundsException(r);
        }
        AddressFamily family = FAMILIES[families[r]];
        return new ConnectionSnapshot(ProtocolStates.protocolName(protocols[r]), family,
                address(family, r * 12), ports[r * 3], address(family, r * 12 + 4), ports[r * 3 + 1],
                address(FAMILIES[destinationFamilies[r]], r * 12 + 8), ports[r * 3 + 2],
                states[r], expiresMillis[r], flags[r]);
    }

    private InetAddress address(AddressFamily family, int at) {
        int[] four = new int[4];
        System.arraycopy(words, at, four, 0, 4);
        return Addresses.fromWords(family, four);
    }
}
